// The contract between Sentry's wire format and Suture's domain. Everything `core` knows
// about a delivery comes through these shapes; nothing outside this package reads a raw payload.

import type { ChangeSummary, PullRequestSummary } from "./seer-sections.ts";

export const SENTRY_RESOURCES = [
  "installation",
  "issue",
  "error",
  "comment",
  "event_alert",
  "metric_alert",
  "seer",
  "preprod_artifact",
] as const;
export type SentryResource = (typeof SENTRY_RESOURCES)[number];

/** The outer body every Sentry integration-platform webhook shares. */
export interface SentryEnvelope {
  action: string;
  installationUuid: string | null;
  data: Record<string, unknown>;
  actor: SentryActor | null;
}

export interface SentryActor {
  type: string;
  id: string;
  name: string | null;
}

/** A link or identifier an observation points at. */
export interface ObservationReference {
  type: "sentry_issue" | "release" | "assignee" | "seer_run" | "pull_request" | "alert" | "event" | "url";
  id: string;
  url?: string | null;
  label?: string | null;
}

/**
 * Fields every observation's `metadata` carries (null where the payload lacks them). Metadata
 * types are aliases, not interfaces: only an object literal type satisfies the db column's index
 * signature implicitly, so the ingest writes them without a cast.
 */
export type ObservationMetadata = {
  issueId: string | null;
  shortId: string | null;
  projectSlug: string | null;
  projectId: string | null;
  platform: string | null;
  level: string | null;
  status: string | null;
  eventCount: number | null;
  userCount: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  release: string | null;
  environment: string | null;
  errorType: string | null;
  errorValue: string | null;
  culprit: string | null;
  hasStackTrace: boolean;
};

/** `issue.*`: the issue's state, and who changed it how. */
export type IssueObservationMetadata = ObservationMetadata & {
  substatus: string | null;
  /** Sentry's `statusDetails` without its `actor` (a whole user record). */
  statusDetails: Record<string, unknown> | null;
  changedBy: string | null;
  resolutionType: string | null;
  resolvedInRelease: string | null;
  assignee: string | null;
  assigneeType: string | null;
  assigneeId: string | null;
  webUrl: string | null;
};

/** One of the frames an event's body shows, crashing frame first. */
export type ObservationFrame = { function: string | null; file: string; line: number | null; inApp: boolean | null };

/** `error.created`: one event and where it crashed. */
export type EventObservationMetadata = ObservationMetadata & {
  eventId: string;
  orgSlug: string | null;
  webUrl: string | null;
  handled: boolean | null;
  mechanism: string | null;
  topFrames: ObservationFrame[];
};

/** What an issue alert rule adds to its event. */
export type EventAlertExtras = {
  triggeredRule?: string | null;
  alertRuleId?: string | null;
  /** The alert's UI-component settings, as Sentry sent them. */
  alertSettings?: unknown;
};

/** `event_alert.triggered`: the event, and the rule that fired for it. */
export type EventAlertObservationMetadata = EventObservationMetadata & EventAlertExtras;

/** `comment.*`: a note on an issue. */
export type CommentObservationMetadata = ObservationMetadata & {
  commentId: string;
  commentAction: string;
  /** When the note was first written (also on edits and deletes), as Sentry sent it. */
  commentWrittenAt: string | null;
};

/** `metric_alert.*`: an incident of a metric alert rule. */
export type MetricAlertObservationMetadata = ObservationMetadata & {
  alertId: string;
  alertIdentifier: string | null;
  /** Sentry's IncidentStatus number (`status` has it in words). */
  alertStatus: number | null;
  alertRuleId: string | null;
  alertRuleName: string | null;
  query: string | null;
  aggregate: string | null;
  threshold: number | null;
  projects: string[];
  webUrl: string | null;
};

/** `preprod_artifact.*` / `size_analysis.*`: a mobile build and its sizes. */
export type PreprodObservationMetadata = ObservationMetadata & {
  buildId: string | null;
  baseBuildId: string | null;
  appId: string | null;
  appName: string | null;
  appVersion: string | null;
  downloadSize: number | null;
  installSize: number | null;
  orgSlug: string | null;
  dateBuilt: string | null;
};

/** `seer.*`: one step of a Seer run (read back through `seerObservationMetadata`). */
export type SeerObservationMetadata = ObservationMetadata & {
  seerRunId: string;
  seerAction: string;
  rootCause: string | null;
  solution: string | null;
  changes: ChangeSummary[];
  pullRequests: PullRequestSummary[];
};

type KeysOfAny<U> = U extends unknown ? keyof U : never;
/** Each member of U, naming the other members' own fields as absent. */
type Exclusive<U, All = U> = U extends unknown ? U & { [K in Exclude<KeysOfAny<All>, keyof U>]?: undefined } : never;

/**
 * One source family's metadata. Any family's field can be read off the union without narrowing
 * first (tests and readers that know the source do): it is `undefined` on the other families.
 */
export type SentryObservationMetadata = Exclusive<
  | IssueObservationMetadata
  | EventObservationMetadata
  | EventAlertObservationMetadata
  | CommentObservationMetadata
  | MetricAlertObservationMetadata
  | PreprodObservationMetadata
  | SeerObservationMetadata
>;

export interface NormalizedObservation {
  /** `<resource>.<action>`, e.g. `issue.created`, `seer.coding_completed`. */
  sourceType: string;
  /** Stable id of the thing observed (event id, issue id + action, seer run id + action, ...). */
  sourceId: string;
  title: string;
  /** Markdown. */
  body: string;
  actor: string | null;
  /** ISO-8601. */
  occurredAt: string;
  references: ObservationReference[];
  metadata: SentryObservationMetadata;
}

/** What `sentry_issues` is upserted with; nulls never overwrite known values. */
export interface SentryIssueUpsert {
  id: string;
  shortId: string | null;
  projectId: string | null;
  projectSlug: string | null;
  title: string | null;
  culprit: string | null;
  level: string | null;
  status: string | null;
  substatus: string | null;
  platform: string | null;
  eventCount: number | null;
  userCount: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  webUrl: string | null;
}

export type Normalized =
  | {
      status: "installation";
      action: "created" | "deleted";
      installationUuid: string;
      orgSlug: string | null;
      appSlug: string | null;
    }
  | {
      status: "observation";
      observation: NormalizedObservation;
      /** Present for issue.*, error.*, event_alert.* (and seer/comment when they name an issue). */
      issue: SentryIssueUpsert | null;
      /** Used to route: per-project override before per-installation mapping. */
      projectSlug: string | null;
      projectId: string | null;
    }
  | { status: "ignored"; reason: string };

export type EnvelopeResult = { status: "valid"; envelope: SentryEnvelope } | { status: "invalid"; error: string };

// The contract between Sentry's wire format and Suture's domain. Everything `core` knows
// about a delivery comes through these shapes; nothing outside this package reads a raw payload.

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

/** Fields every observation's `metadata` carries (null where the payload lacks them). */
export interface ObservationMetadata {
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
  /** Resource-specific extras (seer run id, alert id, comment id, ...). */
  [extra: string]: unknown;
}

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
  metadata: ObservationMetadata;
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

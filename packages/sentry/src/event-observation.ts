import { crashingFirstFrames, formatFrames, frameFile, mainException, topFrames } from "./frames.ts";
import { code, facts, link, sections } from "./markdown.ts";
import { levelMarker, title } from "./markers.ts";
import {
  type NormalizeOptions,
  actorName,
  emptyMetadata,
  iso,
  issueReference,
  observed,
  occurredAt,
  references,
} from "./observation.ts";
import { payloadText } from "./payload-text.ts";
import type { Frame, SentryEvent } from "./schemas/event.ts";
import type {
  EventAlertExtras,
  EventAlertObservationMetadata,
  EventObservationMetadata,
  Normalized,
  ObservationReference,
  SentryEnvelope,
  SentryIssueUpsert,
} from "./types.ts";

// `url` is the API URL of the event: https://sentry.io/api/0/projects/<org>/<project>/events/<id>/
const PROJECT_FROM_URL = /\/projects\/([^/]+)\/([^/]+)\/events\//;
// `web_url` is the event inside its issue: .../issues/<issue id>/events/<event id>/
const ISSUE_FROM_WEB_URL = /^(.*\/issues\/[^/]+\/)events\//;

export interface EventObservationParts {
  sourceType: string;
  sourceId: string;
  /** "Error" or e.g. `Alert "Checkout errors"`. */
  what: string;
  /** Extra leading body section (the alert rule), if any. */
  intro?: string | null;
  extraReferences?: ObservationReference[];
  /** The rule that fired, for `event_alert.triggered`. */
  alert?: EventAlertExtras;
}

/** What the rest of the observation is built from, read once from the event. */
interface EventFacts {
  frames: Frame[];
  /** The frames the body shows, crashing frame first. */
  shown: Frame[];
  errorType: string | null;
  errorValue: string | null;
  release: string | null;
  environment: string | null;
  orgSlug: string | null;
  projectSlug: string | null;
  issueUrl: string | null;
  occurredAt: string;
  subject: string;
  handled: boolean | null;
  mechanismType: string | null;
}

/** An observation for one event: `error.created` and `event_alert.triggered` carry the same shape. */
export function eventObservation(
  event: SentryEvent,
  envelope: SentryEnvelope,
  parts: EventObservationParts,
  options?: NormalizeOptions,
): Normalized {
  const known = eventFacts(event, options);
  const issue = eventIssue(event, known);
  return observed(
    {
      sourceType: parts.sourceType,
      sourceId: parts.sourceId,
      title: title(levelMarker(event.level), parts.what, known.subject),
      body: eventBody(event, known, parts.intro),
      actor: actorName(envelope.actor),
      occurredAt: known.occurredAt,
      references: references(
        event.issue_id ? issueReference(event.issue_id, null, known.issueUrl) : null,
        { type: "event", id: event.event_id, url: event.web_url, label: `Event ${event.event_id.slice(0, 8)}` },
        known.release && { type: "release", id: known.release, label: known.release },
        ...(parts.extraReferences ?? []),
      ),
      metadata: eventMetadata(event, known, issue, parts.alert),
    },
    issue,
    { projectSlug: known.projectSlug, projectId: event.project },
  );
}

function eventFacts(event: SentryEvent, options: NormalizeOptions | undefined): EventFacts {
  const exception = mainException(event);
  const frames = crashingFirstFrames(event);
  const tags = new Map((event.tags ?? []).map(([key, value]) => [key, payloadText(value)] as const));
  const errorType = exception?.type ?? event.metadata?.type ?? null;
  const errorValue = exception?.value ?? event.metadata?.value ?? (event.message || null);
  const [, orgSlug = null, projectSlug = null] = PROJECT_FROM_URL.exec(event.url ?? "") ?? [];
  const mechanism = exception?.mechanism;
  return {
    frames,
    shown: topFrames(frames),
    errorType,
    errorValue,
    release: event.release ?? tags.get("release") ?? null,
    environment: event.environment ?? tags.get("environment") ?? null,
    orgSlug,
    projectSlug,
    issueUrl: ISSUE_FROM_WEB_URL.exec(event.web_url ?? "")?.[1] ?? null,
    occurredAt: occurredAt(options, event.datetime, event.timestamp),
    subject: event.title ?? (errorType ? `${errorType}: ${errorValue ?? ""}` : null) ?? `event ${event.event_id}`,
    handled: mechanism?.handled ?? null,
    mechanismType: mechanism?.type ?? null,
  };
}

/** The issue the event belongs to, as far as one event tells: it is known only by `issue_id`. */
function eventIssue(event: SentryEvent, known: EventFacts): SentryIssueUpsert | null {
  if (!event.issue_id) return null;
  return {
    id: event.issue_id,
    shortId: null,
    projectId: event.project,
    projectSlug: known.projectSlug,
    title: event.title,
    culprit: event.culprit,
    level: event.level,
    status: null,
    substatus: null,
    platform: event.platform,
    eventCount: null,
    userCount: null,
    firstSeen: null,
    lastSeen: iso(event.datetime) ?? iso(event.timestamp),
    webUrl: known.issueUrl,
  };
}

function eventBody(event: SentryEvent, known: EventFacts, intro: string | null | undefined): string {
  const { errorType, errorValue, shown } = known;
  return sections(
    intro,
    errorType ? `**${errorType}**: ${errorValue ?? ""}`.trim() : errorValue,
    known.handled === false ? `_Unhandled${known.mechanismType ? ` (${known.mechanismType})` : ""}_` : null,
    facts([
      ["Culprit", event.culprit ? code(event.culprit) : null],
      ["Level", event.level],
      ["Platform", event.platform],
      ["Project", known.projectSlug ?? event.project],
      ["Release", known.release ? code(known.release) : null],
      ["Environment", known.environment],
      ["Occurred", iso(event.datetime) ?? iso(event.timestamp)],
      ["Event", link(code(event.event_id), event.web_url)],
    ]),
    shown.length > 0
      ? `**Stack trace** (crashing frame first${shown.some((f) => f.in_app) ? ", in-app frames" : ""}):\n${formatFrames(shown)}`
      : null,
    known.issueUrl ? link("Open issue in Sentry", known.issueUrl) : null,
  );
}

function eventMetadata(
  event: SentryEvent,
  known: EventFacts,
  issue: SentryIssueUpsert | null,
  alert: EventAlertExtras | undefined,
): EventObservationMetadata | EventAlertObservationMetadata {
  return {
    ...emptyMetadata(),
    issueId: event.issue_id,
    projectSlug: known.projectSlug,
    projectId: event.project,
    platform: event.platform,
    level: event.level,
    lastSeen: issue?.lastSeen ?? null,
    release: known.release,
    environment: known.environment,
    errorType: known.errorType,
    errorValue: known.errorValue,
    culprit: event.culprit,
    hasStackTrace: known.frames.length > 0,
    eventId: event.event_id,
    orgSlug: known.orgSlug,
    webUrl: event.web_url,
    handled: known.handled,
    mechanism: known.mechanismType,
    topFrames: known.shown.map((frame) => ({
      function: frame.function,
      file: frameFile(frame),
      line: frame.lineno ?? null,
      inApp: frame.in_app ?? null,
    })),
    ...alert,
  };
}

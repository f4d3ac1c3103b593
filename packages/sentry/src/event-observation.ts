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
import type { SentryEvent } from "./schemas/event.ts";
import type { Normalized, ObservationReference, SentryEnvelope, SentryIssueUpsert } from "./types.ts";

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
  extraMetadata?: Record<string, unknown>;
}

/** An observation for one event: `error.created` and `event_alert.triggered` carry the same shape. */
export function eventObservation(
  event: SentryEvent,
  envelope: SentryEnvelope,
  parts: EventObservationParts,
  options?: NormalizeOptions,
): Normalized {
  const exception = mainException(event);
  const frames = crashingFirstFrames(event);
  const shown = topFrames(frames);
  const tags = new Map((event.tags ?? []).map(([key, value]) => [key, value == null ? null : String(value)] as const));
  const errorType = exception?.type ?? event.metadata?.type ?? null;
  const errorValue = exception?.value ?? event.metadata?.value ?? (event.message || null);
  const release = event.release ?? tags.get("release") ?? null;
  const environment = event.environment ?? tags.get("environment") ?? null;
  const [, orgSlug = null, projectSlug = null] = PROJECT_FROM_URL.exec(event.url ?? "") ?? [];
  const issueUrl = ISSUE_FROM_WEB_URL.exec(event.web_url ?? "")?.[1] ?? null;
  const when = occurredAt(options, event.datetime, event.timestamp);
  const subject = event.title ?? (errorType ? `${errorType}: ${errorValue ?? ""}` : null) ?? `event ${event.event_id}`;
  const mechanism = exception?.mechanism;
  const handled = mechanism?.handled ?? null;

  const issue: SentryIssueUpsert | null = event.issue_id
    ? {
        id: event.issue_id,
        shortId: null,
        projectId: event.project,
        projectSlug,
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
        webUrl: issueUrl,
      }
    : null;

  const body = sections(
    parts.intro,
    errorType ? `**${errorType}**: ${errorValue ?? ""}`.trim() : errorValue,
    handled === false ? `_Unhandled${mechanism?.type ? ` (${mechanism.type})` : ""}_` : null,
    facts([
      ["Culprit", event.culprit ? code(event.culprit) : null],
      ["Level", event.level],
      ["Platform", event.platform],
      ["Project", projectSlug ?? event.project],
      ["Release", release ? code(release) : null],
      ["Environment", environment],
      ["Occurred", iso(event.datetime) ?? iso(event.timestamp)],
      ["Event", link(code(event.event_id), event.web_url)],
    ]),
    shown.length > 0
      ? `**Stack trace** (crashing frame first${shown.some((f) => f.in_app) ? ", in-app frames" : ""}):\n${formatFrames(shown)}`
      : null,
    issueUrl ? link("Open issue in Sentry", issueUrl) : null,
  );

  return observed(
    {
      sourceType: parts.sourceType,
      sourceId: parts.sourceId,
      title: title(levelMarker(event.level), parts.what, subject),
      body,
      actor: actorName(envelope.actor),
      occurredAt: when,
      references: references(
        event.issue_id ? issueReference(event.issue_id, null, issueUrl) : null,
        { type: "event", id: event.event_id, url: event.web_url, label: `Event ${event.event_id.slice(0, 8)}` },
        release && { type: "release", id: release, label: release },
        ...(parts.extraReferences ?? []),
      ),
      metadata: {
        ...emptyMetadata(),
        issueId: event.issue_id,
        projectSlug,
        projectId: event.project,
        platform: event.platform,
        level: event.level,
        lastSeen: issue?.lastSeen ?? null,
        release,
        environment,
        errorType,
        errorValue,
        culprit: event.culprit,
        hasStackTrace: frames.length > 0,
        eventId: event.event_id,
        orgSlug,
        webUrl: event.web_url,
        handled,
        mechanism: mechanism?.type ?? null,
        topFrames: shown.map((frame) => ({
          function: frame.function,
          file: frameFile(frame),
          line: frame.lineno ?? null,
          inApp: frame.in_app ?? null,
        })),
        ...parts.extraMetadata,
      },
    },
    issue,
    { projectSlug, projectId: event.project },
  );
}

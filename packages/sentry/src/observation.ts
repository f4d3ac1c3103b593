import type {
  Normalized,
  NormalizedObservation,
  ObservationMetadata,
  ObservationReference,
  SentryIssueUpsert,
} from "./types.ts";

export interface NormalizeOptions {
  /** When the delivery was received (ISO-8601); used when the payload carries no time. */
  receivedAt?: string;
}

/** Used only when neither the payload nor the caller gives a time: fixed, so normalize stays pure. */
const NO_TIME = "1970-01-01T00:00:00.000Z";

/** Every common `ObservationMetadata` field, null until a normalizer knows better. */
export function emptyMetadata(): ObservationMetadata {
  return {
    issueId: null,
    shortId: null,
    projectSlug: null,
    projectId: null,
    platform: null,
    level: null,
    status: null,
    eventCount: null,
    userCount: null,
    firstSeen: null,
    lastSeen: null,
    release: null,
    environment: null,
    errorType: null,
    errorValue: null,
    culprit: null,
    hasStackTrace: false,
  };
}

export function emptyIssue(id: string): SentryIssueUpsert {
  return {
    id,
    shortId: null,
    projectId: null,
    projectSlug: null,
    title: null,
    culprit: null,
    level: null,
    status: null,
    substatus: null,
    platform: null,
    eventCount: null,
    userCount: null,
    firstSeen: null,
    lastSeen: null,
    webUrl: null,
  };
}

/** ISO-8601 (UTC, milliseconds) from Sentry's mix of `...+00:00`, `...Z` and epoch seconds; null if unusable. */
export function iso(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The first usable timestamp, then the receive time, then a fixed value (never the clock). */
export function occurredAt(
  options: NormalizeOptions | undefined,
  ...candidates: (string | number | null | undefined)[]
): string {
  for (const candidate of candidates) {
    const value = iso(candidate);
    if (value) return value;
  }
  return iso(options?.receivedAt) ?? NO_TIME;
}

export function actorName(actor: { type: string; name: string | null; id: string } | null): string | null {
  if (!actor) return null;
  if (actor.type === "application") return actor.name ?? "Sentry";
  return actor.name ?? actor.id;
}

/** A reference to a Sentry issue, labelled with its short id when the payload has one. */
export function issueReference(issueId: string, shortId: string | null, url: string | null): ObservationReference {
  return { type: "sentry_issue", id: issueId, url, label: shortId ?? `Sentry issue ${issueId}` };
}

/** References without duplicates (same type and id), in the order given. */
export function references(...refs: (ObservationReference | null | undefined | false | "")[]): ObservationReference[] {
  const seen = new Set<string>();
  const out: ObservationReference[] = [];
  for (const ref of refs) {
    if (!ref) continue;
    const key = `${ref.type}\u0000${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

export function observed(
  observation: NormalizedObservation,
  issue: SentryIssueUpsert | null,
  route: { projectSlug: string | null; projectId: string | null },
): Normalized {
  return { status: "observation", observation, issue, projectSlug: route.projectSlug, projectId: route.projectId };
}

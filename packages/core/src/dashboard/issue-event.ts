import { type EventContextFrame, eventContextFromEvent, eventSchema, type SentryEvent } from "@suture/sentry";
import type { Repository } from "@suture/db";
import { mappedPath } from "../fixes/map-frames.ts";
import { githubWebHost, safeHttpsUrl } from "../links/safe-https-url.ts";

export type IssueFrame = EventContextFrame & {
  /** The repository file through the repository's code mappings, or null. */
  repoPath: string | null;
  /** That file on GitHub at `ref`, at the frame's line (an https: link on the configured GitHub), or null. */
  repoUrl: string | null;
};

export interface IssueException {
  type: string | null;
  value: string | null;
  handled: boolean | null;
  /** Crashing frame first. */
  frames: IssueFrame[];
}

export interface IssueEvent {
  eventId: string | null;
  platform: string | null;
  release: string | null;
  environment: string | null;
  /** The chain, outermost (the one Sentry titles the issue after) first. */
  exceptions: IssueException[];
  tags: { key: string; value: string }[];
  contexts: { name: string; entries: { key: string; value: string }[] }[];
}

/** Where frames point: a connected repository and the ref (release commit or default branch) to link at. */
export interface FrameLinkTarget {
  repository: Pick<Repository, "owner" | "name" | "codeMappings">;
  ref: string;
}

const MAX_CONTEXTS = 20;
const MAX_CONTEXT_ENTRIES = 30;
const MAX_VALUE = 300;

/** The event a stored `error.created` / `event_alert.triggered` body carries, or null. */
export function storedEventOf(rawBody: string): SentryEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const data = isRecord(body) && isRecord(body.data) ? body.data : null;
  const event = data ? (data.error ?? data.event) : null;
  const parsed = eventSchema.safeParse(event);
  return parsed.success ? parsed.data : null;
}

/**
 * What the issue page shows of an event: every exception of the chain with its frames (through the
 * same reader the fixes use, so `vars` are never read), tags and contexts as plain strings.
 */
export function issueEventOf(event: SentryEvent, target: FrameLinkTarget | null): IssueEvent {
  const context = eventContextFromEvent(event);
  const values = event.exception?.values ?? [];
  const chain = values.length > 0 ? [...values].reverse() : [null];
  const exceptions = chain.map((exception): IssueException => {
    const single = exception ? { ...event, exception: { values: [exception] } } : { ...event, exception: null };
    return {
      type: exception?.type ?? null,
      value: exception?.value ?? null,
      handled: exception?.mechanism?.handled ?? null,
      frames: eventContextFromEvent(single).frames.map((frame) => linkFrame(frame, target)),
    };
  });
  return {
    eventId: context.eventId,
    platform: context.platform,
    release: context.release,
    environment: context.environment,
    exceptions: exceptions.filter((e) => e.frames.length > 0 || e.type !== null || e.value !== null),
    tags: context.tags,
    contexts: contextsOf(event.contexts),
  };
}

function linkFrame(frame: EventContextFrame, target: FrameLinkTarget | null): IssueFrame {
  const repoPath = target && frame.inApp ? mappedPath(frame, target.repository.codeMappings) : null;
  if (!target || repoPath === null) return { ...frame, repoPath, repoUrl: null };
  const { owner, name } = target.repository;
  const segments = [owner, name, "blob", target.ref, ...repoPath.split("/")].map(encodeURIComponent);
  const line = frame.lineno !== null ? `#L${frame.lineno}` : "";
  const repoUrl = safeHttpsUrl(`https://${githubWebHost()}/${segments.join("/")}${line}`, [githubWebHost()]);
  return { ...frame, repoPath, repoUrl };
}

function contextsOf(contexts: unknown): IssueEvent["contexts"] {
  if (!isRecord(contexts)) return [];
  return Object.entries(contexts)
    .slice(0, MAX_CONTEXTS)
    .flatMap(([name, value]) => {
      if (!isRecord(value)) return [];
      const entries = Object.entries(value)
        .filter(([key, v]) => key !== "type" && v !== null && v !== undefined)
        .slice(0, MAX_CONTEXT_ENTRIES)
        .map(([key, v]) => ({ key, value: clip(typeof v === "string" ? v : JSON.stringify(v)) }));
      return entries.length > 0 ? [{ name, entries }] : [];
    });
}

const clip = (text: string): string => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

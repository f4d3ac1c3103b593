import {
  appendFixRunEvent,
  firstObservedAt,
  getFixRun,
  getSentryIssue,
  latestStoredEvent,
  receivesEvents,
  type SentryIssue,
} from "@suture/db";
import { type EventContext, eventContextFromEvent } from "@suture/sentry";
import { getDb } from "../../database.ts";
import { sentryApiForIssue } from "../../clients/sentry-api.ts";

/**
 * Sentry sends a new issue's `issue.created` and `error.created` apart, and the error can be
 * stored a batch after the triage that opened the run. For an issue Suture first stored less
 * than NEW_ISSUE_MS ago, dispatch waits up to WAIT_FOR_EVENT_MS for its event before asking
 * Sentry's API (or going without) — unless the workspace looks unsubscribed from errors: known
 * for longer than NEW_ISSUE_MS with no event delivered within SENDS_EVENTS_WITHIN_MS. Such a
 * workspace goes to the API at once instead of waiting on every new issue for nothing.
 */
const NEW_ISSUE_MS = 60_000;
const SENDS_EVENTS_WITHIN_MS = 7 * 24 * 3600_000;
export const WAIT_FOR_EVENT_MS = 3_000;
const POLL_MS = 200;
const UNSUBSCRIBED =
  " (Sentry has delivered no error to this workspace in a week, so none was waited for: subscribe its integration to errors to give runs their stack trace)";

export interface FixContext {
  source: "stored" | "sentry_api" | "none";
  context: EventContext | null;
  /** Why there is no context, when there is none. */
  note?: string;
}

/**
 * The event the agent will read: the newest one Sentry delivered for the issue, else the one the
 * Sentry API recommends. A run without any still goes ahead — the title alone can be enough.
 */
export async function gatherFixContext(fixRunId: string): Promise<FixContext> {
  const db = await getDb();
  const run = await getFixRun(db, { id: fixRunId });
  const issue = run && (await getSentryIssue(db, { workspaceId: run.workspaceId, id: run.sentryIssueId }));
  if (!run || !issue) return { source: "none", context: null, note: "the run or its issue is gone" };

  const stored = await storedEventOf(issue);
  const result = stored.context ?? (await fromSentryApi(issue));
  const found = result.context;
  const waited = stored.waitedMs >= POLL_MS ? `, after waiting ${(stored.waitedMs / 1000).toFixed(1)} s for it` : "";
  await appendFixRunEvent(db, {
    fixRunId,
    event: {
      kind: "context",
      message: found
        ? `Read event ${found.eventId ?? "?"} (${result.source === "stored" ? `delivered by Sentry${waited}` : "from the Sentry API"}): ${found.frames.length} frames, ${found.breadcrumbs.length} breadcrumbs`
        : `No event with a stack trace: ${result.note}${stored.unsubscribed ? UNSUBSCRIBED : ""}`,
      data: {
        source: result.source,
        eventId: found?.eventId ?? null,
        frames: found?.frames.length ?? 0,
        waitedMs: stored.waitedMs,
      },
    },
  });
  return result;
}

/** The issue's stored event; for a new issue, the one that arrives within WAIT_FOR_EVENT_MS where one can. */
async function storedEventOf(
  issue: SentryIssue,
): Promise<{ context: FixContext | undefined; waitedMs: number; unsubscribed: boolean }> {
  const started = Date.now();
  const isNew = started < issue.createdAt.getTime() + NEW_ISSUE_MS;
  const waits = isNew && (await mayDeliverEvents(issue.workspaceId, started));
  const unsubscribed = isNew && !waits;
  const waitUntil = waits ? Math.min(started + WAIT_FOR_EVENT_MS, issue.createdAt.getTime() + NEW_ISSUE_MS) : started;
  for (;;) {
    const context = await fromStoredEvent(issue.id);
    if (context || Date.now() >= waitUntil) return { context, waitedMs: Date.now() - started, unsubscribed };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Whether Sentry delivered an event to the workspace lately — or it is too new to tell (its first issue's error may be on its way). */
async function mayDeliverEvents(workspaceId: string, now: number): Promise<boolean> {
  const db = await getDb();
  if (await receivesEvents(db, { workspaceId, since: new Date(now - SENDS_EVENTS_WITHIN_MS) })) return true;
  const first = await firstObservedAt(db, { workspaceId });
  return !first || first.getTime() > now - NEW_ISSUE_MS;
}

async function fromStoredEvent(sentryIssueUuid: string): Promise<FixContext | undefined> {
  const stored = await latestStoredEvent(await getDb(), { sentryIssueId: sentryIssueUuid });
  if (!stored) return undefined;
  // The body was verified and normalized when it arrived: error.created has data.error, alerts data.event.
  const { data } = JSON.parse(stored.rawBody) as { data?: { error?: unknown; event?: unknown } };
  const event = data?.error ?? data?.event;
  if (!event || typeof event !== "object") return undefined;
  return { source: "stored", context: eventContextFromEvent(event as Parameters<typeof eventContextFromEvent>[0]) };
}

async function fromSentryApi(issue: SentryIssue): Promise<FixContext> {
  const client = await sentryApiForIssue(await getDb(), { workspaceId: issue.workspaceId, issueId: issue.id });
  if (client.status !== "ok")
    return { source: "none", context: null, note: `no error event was delivered and ${client.reason}` };
  const result = await client.api.recommendedEvent(issue.sentryIssueId);
  if (result.status !== "ok")
    return { source: "none", context: null, note: `the Sentry API answered: ${result.error}` };
  return { source: "sentry_api", context: result.context };
}

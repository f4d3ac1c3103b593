import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { observations, sentryIssues, workspaces } from "../schema/index.ts";

export type Observation = typeof observations.$inferSelect;
export type NewObservation = typeof observations.$inferInsert;
export type SentryIssue = typeof sentryIssues.$inferSelect;
export type SentryIssueValues = Omit<typeof sentryIssues.$inferInsert, "id" | "createdAt" | "updatedAt">;

/**
 * Upserts an issue. Nulls never erase what an earlier payload said, and `last_seen` never
 * moves backwards when deliveries arrive out of order.
 */
export async function upsertSentryIssue(db: Db, values: SentryIssueValues): Promise<string> {
  const [row] = await upsertSentryIssues(db, { issues: [values] });
  if (!row) throw new Error(`issue ${values.sentryIssueId} was not stored`);
  return row.id;
}

/**
 * Upserts many issues in one statement. Each (workspace, issue) may appear once: merge
 * repeats first (see `mergeIssueValues`), as Postgres cannot update a row twice in one insert.
 * Rows go in key order, so two batches sharing issues take their locks in the same order and
 * one waits for the other instead of deadlocking.
 */
export async function upsertSentryIssues(
  db: Db,
  { issues }: { issues: SentryIssueValues[] },
): Promise<{ id: string; workspaceId: string; sentryIssueId: string }[]> {
  if (issues.length === 0) return [];
  const keep = (column: keyof typeof sentryIssues.$inferSelect) =>
    sql.raw(`coalesce(excluded.${snake(column)}, sentry_issues.${snake(column)})`);
  return db
    .insert(sentryIssues)
    .values(issues.toSorted(byIssueKey))
    .onConflictDoUpdate({
      target: [sentryIssues.workspaceId, sentryIssues.sentryIssueId],
      set: {
        shortId: keep("shortId"),
        projectId: keep("projectId"),
        projectSlug: keep("projectSlug"),
        title: keep("title"),
        culprit: keep("culprit"),
        level: keep("level"),
        status: keep("status"),
        substatus: keep("substatus"),
        platform: keep("platform"),
        eventCount: sql`greatest(excluded.event_count, sentry_issues.event_count)`,
        userCount: sql`greatest(excluded.user_count, sentry_issues.user_count)`,
        firstSeen: sql`least(excluded.first_seen, sentry_issues.first_seen)`,
        lastSeen: sql`greatest(excluded.last_seen, sentry_issues.last_seen)`,
        webUrl: keep("webUrl"),
        updatedAt: sql`now()`,
      },
    })
    .returning({
      id: sentryIssues.id,
      workspaceId: sentryIssues.workspaceId,
      sentryIssueId: sentryIssues.sentryIssueId,
    });
}

function byIssueKey(a: SentryIssueValues, b: SentryIssueValues): number {
  const key = (v: SentryIssueValues) => `${v.workspaceId}|${v.sentryIssueId}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** Folds two reports of the same issue the way the upsert would: newest wins, nulls never erase. */
export function mergeIssueValues(a: SentryIssueValues, b: SentryIssueValues): SentryIssueValues {
  const [older, newer] = (a.lastSeen?.getTime() ?? 0) <= (b.lastSeen?.getTime() ?? 0) ? [a, b] : [b, a];
  const merged: SentryIssueValues = { ...older };
  for (const [key, value] of Object.entries(newer) as [keyof SentryIssueValues, unknown][]) {
    if (value !== null && value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  merged.eventCount = max(a.eventCount, b.eventCount);
  merged.userCount = max(a.userCount, b.userCount);
  merged.firstSeen = pick(a.firstSeen, b.firstSeen, (x, y) => x < y);
  merged.lastSeen = pick(a.lastSeen, b.lastSeen, (x, y) => x > y);
  return merged;
}

function max(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return Math.max(a, b);
}

function pick(
  a: Date | null | undefined,
  b: Date | null | undefined,
  better: (x: Date, y: Date) => boolean,
): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return better(a, b) ? a : b;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Inserts observations; one that already exists for its delivery is left alone. */
export async function insertObservations(
  db: Db,
  { observations: values }: { observations: NewObservation[] },
): Promise<{ id: string; deliveryId: string; workspaceId: string }[]> {
  if (values.length === 0) return [];
  return db
    .insert(observations)
    .values(values)
    .onConflictDoNothing({ target: observations.deliveryId })
    .returning({ id: observations.id, deliveryId: observations.deliveryId, workspaceId: observations.workspaceId });
}

/** One of a workspace's observations, for its pages. */
export async function getObservation(
  db: Db,
  { workspaceId, id }: { workspaceId: string; id: string },
): Promise<Observation | undefined> {
  const [row] = await db
    .select()
    .from(observations)
    .where(and(eq(observations.workspaceId, workspaceId), eq(observations.id, id)));
  return row;
}

export type ObservationSummary = Pick<
  Observation,
  "id" | "sourceType" | "title" | "occurredAt" | "createdAt" | "release" | "environment" | "metadata"
> & { workspaceSlug: string };

/** A workspace's newest observations, for its pages. */
export async function listLatestObservations(
  db: Db,
  { workspaceId, limit = 50 }: { workspaceId: string; limit?: number },
): Promise<ObservationSummary[]> {
  return db
    .select({
      id: observations.id,
      sourceType: observations.sourceType,
      title: observations.title,
      occurredAt: observations.occurredAt,
      createdAt: observations.createdAt,
      release: observations.release,
      environment: observations.environment,
      metadata: observations.metadata,
      workspaceSlug: workspaces.slug,
    })
    .from(observations)
    .innerJoin(workspaces, eq(workspaces.id, observations.workspaceId))
    .where(eq(observations.workspaceId, workspaceId))
    .orderBy(desc(observations.createdAt))
    .limit(limit);
}

export async function countObservations(db: Db, { workspaceId }: { workspaceId: string }): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(observations)
    .where(eq(observations.workspaceId, workspaceId));
  return Number(row?.count ?? 0);
}

/** One of a workspace's issues: what a page shows, and what a run of that workspace is about. */
export async function getSentryIssue(
  db: Db,
  { workspaceId, id }: { workspaceId: string; id: string },
): Promise<SentryIssue | undefined> {
  const [row] = await db
    .select()
    .from(sentryIssues)
    .where(and(eq(sentryIssues.workspaceId, workspaceId), eq(sentryIssues.id, id)));
  return row;
}

/** By id, in any workspace: for the pipeline (the caller checks each one's workspace). */
export async function getSentryIssuesByIds(db: Db, { ids }: { ids: readonly string[] }): Promise<SentryIssue[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(sentryIssues)
    .where(inArray(sentryIssues.id, [...ids]));
}

/** By id, in any workspace: for the pipeline. */
export async function getObservations(db: Db, { ids }: { ids: readonly string[] }): Promise<Observation[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(observations)
    .where(inArray(observations.id, [...ids]));
}

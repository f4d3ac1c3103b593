import { desc, eq, sql } from "drizzle-orm";
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
  const keep = (column: keyof typeof sentryIssues.$inferSelect) =>
    sql.raw(`coalesce(excluded.${snake(column)}, sentry_issues.${snake(column)})`);
  const [row] = await db
    .insert(sentryIssues)
    .values(values)
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
    .returning({ id: sentryIssues.id });
  if (!row) throw new Error(`issue ${values.sentryIssueId} was not stored`);
  return row.id;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Inserts the observation for a delivery; a second attempt for the same delivery is a no-op. */
export async function insertObservation(db: Db, values: NewObservation): Promise<string | undefined> {
  const [row] = await db
    .insert(observations)
    .values(values)
    .onConflictDoNothing({ target: observations.deliveryId })
    .returning({ id: observations.id });
  return row?.id;
}

export async function getObservation(db: Db, id: string): Promise<Observation | undefined> {
  const [row] = await db.select().from(observations).where(eq(observations.id, id));
  return row;
}

export type ObservationSummary = Pick<
  Observation,
  "id" | "sourceType" | "title" | "occurredAt" | "createdAt" | "release" | "environment" | "metadata"
> & { workspaceSlug: string };

export async function listLatestObservations(db: Db, limit = 50): Promise<ObservationSummary[]> {
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
    .orderBy(desc(observations.createdAt))
    .limit(limit);
}

export async function countObservations(db: Db): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(observations);
  return Number(row?.count ?? 0);
}

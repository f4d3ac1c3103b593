import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { fixRuns, observations } from "../schema/index.ts";
import type { FixRun } from "./fixes.ts";
import type { Observation } from "./observations.ts";

export type IssueObservation = Pick<
  Observation,
  "id" | "sourceType" | "title" | "occurredAt" | "release" | "environment" | "actor"
> & { occurredAtKey: string };

/**
 * An issue's observations, newest first, `limit` after the keyset `before` (the last row's
 * `occurredAtKey` and id), read through the (issue, occurred_at) index.
 */
export async function listIssueObservations(
  db: Db,
  params: {
    workspaceId: string;
    sentryIssueId: string;
    before?: { key: string; id: string } | null;
    limit: number;
  },
): Promise<IssueObservation[]> {
  const { before } = params;
  return db
    .select({
      id: observations.id,
      sourceType: observations.sourceType,
      title: observations.title,
      occurredAt: observations.occurredAt,
      release: observations.release,
      environment: observations.environment,
      actor: observations.actor,
      occurredAtKey: sql<string>`${observations.occurredAt}::text`,
    })
    .from(observations)
    .where(
      and(
        eq(observations.workspaceId, params.workspaceId),
        eq(observations.sentryIssueId, params.sentryIssueId),
        before
          ? sql`(${observations.occurredAt}, ${observations.id}) < (${before.key}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(observations.occurredAt), desc(observations.id))
    .limit(params.limit);
}

export type IssueFixRun = Pick<
  FixRun,
  "id" | "status" | "origin" | "reason" | "prNumber" | "prUrl" | "repositoryId" | "createdAt" | "updatedAt"
>;

/** An issue's fix runs, newest first (at most `limit`). */
export async function listIssueFixRuns(
  db: Db,
  { workspaceId, sentryIssueId, limit = 50 }: { workspaceId: string; sentryIssueId: string; limit?: number },
): Promise<IssueFixRun[]> {
  return db
    .select({
      id: fixRuns.id,
      status: fixRuns.status,
      origin: fixRuns.origin,
      reason: fixRuns.reason,
      prNumber: fixRuns.prNumber,
      prUrl: fixRuns.prUrl,
      repositoryId: fixRuns.repositoryId,
      createdAt: fixRuns.createdAt,
      updatedAt: fixRuns.updatedAt,
    })
    .from(fixRuns)
    .where(and(eq(fixRuns.workspaceId, workspaceId), eq(fixRuns.sentryIssueId, sentryIssueId)))
    .orderBy(desc(fixRuns.createdAt), desc(fixRuns.id))
    .limit(limit);
}

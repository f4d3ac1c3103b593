import { and, asc, desc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { type FixRunEvent, parseFixRunEvent } from "../fix-run-events.ts";
import { type FixRunStatus, fixRunEvents, fixRuns, repositories, sentryIssues } from "../schema/index.ts";

/** Where a page of runs ends: the last row's `updated_at` (to the microsecond, as text) and id. */
export interface FixRunListCursor {
  updatedAt: string;
  id: string;
}

export interface FixRunListRow {
  id: string;
  status: FixRunStatus;
  origin: "suture" | "seer";
  branch: string | null;
  prNumber: number | null;
  prUrl: string | null;
  prState: string | null;
  reason: string | null;
  updatedAt: Date;
  /** `updated_at` to the microsecond, for the next page's cursor (a Date keeps milliseconds only). */
  cursorAt: string;
  issueId: string;
  issueShortId: string | null;
  issueTitle: string | null;
  repositoryOwner: string | null;
  repositoryName: string | null;
}

/**
 * A workspace's runs, most recently updated first, optionally only those in `statuses`, after the
 * cursor (keyset on `updated_at, id`).
 */
export async function listWorkspaceFixRunPage(
  db: Db,
  params: { workspaceId: string; statuses?: readonly FixRunStatus[]; after?: FixRunListCursor; limit: number },
): Promise<FixRunListRow[]> {
  const { workspaceId, statuses, after, limit } = params;
  const conditions = [eq(fixRuns.workspaceId, workspaceId)];
  if (statuses) conditions.push(inArray(fixRuns.status, [...statuses]));
  if (after) {
    const at = sql`${after.updatedAt}::timestamptz`;
    const older = or(lt(fixRuns.updatedAt, at), and(eq(fixRuns.updatedAt, at), lt(fixRuns.id, after.id)));
    if (older) conditions.push(older);
  }
  return db
    .select({
      id: fixRuns.id,
      status: fixRuns.status,
      origin: fixRuns.origin,
      branch: fixRuns.branch,
      prNumber: fixRuns.prNumber,
      prUrl: fixRuns.prUrl,
      prState: fixRuns.prState,
      reason: fixRuns.reason,
      updatedAt: fixRuns.updatedAt,
      cursorAt: sql<string>`to_char(${fixRuns.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      issueId: sentryIssues.id,
      issueShortId: sentryIssues.shortId,
      issueTitle: sentryIssues.title,
      repositoryOwner: repositories.owner,
      repositoryName: repositories.name,
    })
    .from(fixRuns)
    .innerJoin(sentryIssues, eq(sentryIssues.id, fixRuns.sentryIssueId))
    .leftJoin(repositories, eq(repositories.id, fixRuns.repositoryId))
    .where(and(...conditions))
    .orderBy(desc(fixRuns.updatedAt), desc(fixRuns.id))
    .limit(limit);
}

/** A run's status, only if it belongs to the workspace. */
export async function getWorkspaceFixRunStatus(
  db: Db,
  { workspaceId, fixRunId }: { workspaceId: string; fixRunId: string },
): Promise<FixRunStatus | undefined> {
  const [row] = await db
    .select({ status: fixRuns.status })
    .from(fixRuns)
    .where(and(eq(fixRuns.id, fixRunId), eq(fixRuns.workspaceId, workspaceId)));
  return row?.status;
}

/** A run's timeline entries of the given kinds with a sequence number above `afterSeq`, in order. */
export async function listFixRunEventsAfter(
  db: Db,
  params: { fixRunId: string; kinds: readonly string[]; afterSeq: number; limit: number },
): Promise<FixRunEvent[]> {
  const rows = await db
    .select()
    .from(fixRunEvents)
    .where(
      and(
        eq(fixRunEvents.fixRunId, params.fixRunId),
        inArray(fixRunEvents.kind, [...params.kinds]),
        gt(fixRunEvents.seq, params.afterSeq),
      ),
    )
    .orderBy(asc(fixRunEvents.seq))
    .limit(params.limit);
  return rows.map(parseFixRunEvent);
}

import { and, desc, eq, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { ACTIVE_FIX_RUN_STATUSES, fixRuns, repositories } from "../schema/index.ts";
import type { FixRun, FixRunFields } from "./fixes.ts";

/** Where a GitHub delivery points: the repository, then the PR, its branch or its commit. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  prNumber: number | null;
  branch: string | null;
  headSha: string | null;
}

/**
 * The fix runs a GitHub delivery concerns, in any workspace that connected the repository.
 * The PR number is the surest key; a run whose PR is not recorded yet is found by its branch,
 * and a delivery that names only a commit (`status`) by its head SHA.
 *
 * Branches are deleted and reused, so the fallbacks skip runs that recorded a different PR
 * and keep only the newest match per connected repository: an old closed run on the same
 * branch must not take news about a newer PR.
 */
export async function findFixRunsForPullRequest(db: Db, ref: PullRequestRef): Promise<FixRun[]> {
  // GitHub treats owner and repository names case-insensitively.
  const sameRepository = and(
    sql`lower(${repositories.owner}) = lower(${ref.owner})`,
    sql`lower(${repositories.name}) = lower(${ref.repo})`,
  );
  const samePullRequest =
    ref.prNumber !== null ? or(isNull(fixRuns.prNumber), eq(fixRuns.prNumber, ref.prNumber)) : undefined;
  const fallbacks = [
    ref.branch ? eq(fixRuns.branch, ref.branch) : undefined,
    ref.headSha ? eq(fixRuns.headSha, ref.headSha) : undefined,
  ];
  const find = async (key: SQL) =>
    (
      await db
        .select({ run: fixRuns })
        .from(fixRuns)
        .innerJoin(repositories, eq(fixRuns.repositoryId, repositories.id))
        .where(and(sameRepository, key))
        .orderBy(desc(fixRuns.createdAt), desc(fixRuns.id))
    ).map((r) => r.run);

  if (ref.prNumber !== null) {
    const runs = await find(eq(fixRuns.prNumber, ref.prNumber));
    if (runs.length > 0) return runs;
  }
  for (const key of fallbacks) {
    const keyed = key && and(key, samePullRequest);
    if (!keyed) continue;
    const runs = await find(keyed);
    if (runs.length > 0) return newestPerRepository(runs);
  }
  return [];
}

function newestPerRepository(newestFirst: FixRun[]): FixRun[] {
  const seen = new Set<string | null>();
  return newestFirst.filter((run) => !seen.has(run.repositoryId) && seen.add(run.repositoryId));
}

/** The run as it is now, locked for the rest of the transaction: updates to it queue up. */
export async function lockFixRun(tx: Db, { id }: { id: string }): Promise<FixRun | undefined> {
  const [row] = await tx.select().from(fixRuns).where(eq(fixRuns.id, id)).for("update");
  return row;
}

/** Runs whose pull request is open, with the repository to ask GitHub about. */
export async function listOpenPullRequestRuns(db: Db): Promise<{ run: FixRun; owner: string; repo: string }[]> {
  const rows = await db
    .select({ run: fixRuns, owner: repositories.owner, repo: repositories.name })
    .from(fixRuns)
    .innerJoin(repositories, eq(fixRuns.repositoryId, repositories.id))
    .where(and(eq(fixRuns.status, "pr_open"), isNotNull(fixRuns.prNumber)))
    .orderBy(fixRuns.updatedAt);
  return rows;
}

/**
 * Puts a closed run back to `pr_open` when its PR is reopened — unless its issue has since
 * got another active run, which holds the issue now (one active run per issue).
 */
export async function reopenFixRun(
  db: Db,
  { id, fields = {} }: { id: string; fields?: FixRunFields },
): Promise<FixRun | undefined> {
  const [row] = await db
    .update(fixRuns)
    .set({ ...fields, status: "pr_open", reason: null, finishedAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(fixRuns.id, id),
        eq(fixRuns.status, "closed"),
        sql`not exists (select 1 from ${fixRuns} as other where other.sentry_issue_id = ${fixRuns.sentryIssueId}
          and other.id <> ${fixRuns.id} and other.origin = 'suture'
          and other.status in (${sql.join(
            ACTIVE_FIX_RUN_STATUSES.map((s) => sql`${s}`),
            sql`, `,
          )}))`,
      ),
    )
    .returning();
  return row;
}

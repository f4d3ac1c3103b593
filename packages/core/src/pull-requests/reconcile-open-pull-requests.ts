import { listOpenPullRequestRuns } from "@suture/db";
import { describeGithubError, getPullRequestStatus, type Octokit } from "@suture/github";
import { getDb } from "../database.ts";
import { applyPullRequestUpdate } from "./apply-pull-request-update.ts";
import { githubClient } from "../clients/github-client.ts";

export type ReconcileResult =
  | { status: "skipped"; reason: string }
  | { status: "reconciled"; checked: number; changed: string[]; failed: { fixRunId: string; error: string }[] };

/**
 * Asks GitHub where every open fix PR stands and applies the answer as the webhooks would:
 * a lost or never-configured webhook then delays a merge by one poll instead of forever.
 * One PR failing (deleted, no access) is reported and the others go on.
 */
export async function reconcileOpenPullRequests(client: Octokit | null = githubClient()): Promise<ReconcileResult> {
  if (!client) return { status: "skipped", reason: "no GitHub credentials are configured" };
  const open = await listOpenPullRequestRuns(await getDb());
  // Runs of several workspaces can share one PR: ask once, apply to all of them.
  const byPull = new Map<string, (typeof open)[number] & { prNumber: number }>();
  for (const entry of open) {
    const prNumber = entry.run.prNumber;
    if (prNumber !== null) byPull.set(`${entry.owner}/${entry.repo}#${prNumber}`.toLowerCase(), { ...entry, prNumber });
  }

  const changed: string[] = [];
  const failed: { fixRunId: string; error: string }[] = [];
  for (const { run, owner, repo, prNumber } of byPull.values()) {
    try {
      const status = await getPullRequestStatus(client, { owner, repo, number: prNumber });
      const applied = await applyPullRequestUpdate(
        {
          event: "reconcile",
          action: "poll",
          owner,
          repo,
          prNumber,
          branch: status.branch,
          headSha: status.headSha,
          prState: status.prState,
          ...(status.reviewState ? { reviewState: status.reviewState } : {}),
          ...(status.checksState ? { checksState: status.checksState } : {}),
        },
        { authoritative: true },
      );
      if (applied.status === "applied")
        changed.push(...applied.runs.filter((r) => r.changes.length > 0).map((r) => r.fixRunId));
    } catch (error) {
      failed.push({ fixRunId: run.id, error: describeGithubError(error).error });
    }
  }
  return { status: "reconciled", checked: byPull.size, changed, failed };
}

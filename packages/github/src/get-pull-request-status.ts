import type { Octokit } from "@octokit/rest";
import {
  type ChecksState,
  checkState,
  combineChecks,
  latestReviewState,
  type PrState,
  prStateOf,
  type ReviewState,
  statusState,
} from "./github-states.ts";

export interface PullRequestStatus {
  prState: PrState;
  headSha: string;
  branch: string;
  reviewState: ReviewState | null;
  checksState: ChecksState | null;
}

/**
 * Where a pull request stands now, read from GitHub rather than from webhooks, which can be
 * lost or arrive out of order. Checks combine check runs and commit statuses on the head
 * commit. An HTTP failure rejects with Octokit's RequestError.
 */
export async function getPullRequestStatus(
  octokit: Octokit,
  pr: { owner: string; repo: string; number: number },
): Promise<PullRequestStatus> {
  const { owner, repo } = pr;
  const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number });
  const ref = pull.head.sha;
  const [reviews, checkRuns, combined] = await Promise.all([
    octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pr.number, per_page: 100 }),
    octokit.paginate(octokit.rest.checks.listForRef, { owner, repo, ref, per_page: 100 }),
    octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref, per_page: 100 }),
  ]);
  const states = checkRuns.map((run) => checkState(run.status, run.conclusion));
  // With no statuses GitHub reports the combined state as "pending": that means none, not waiting.
  if (combined.data.total_count > 0) states.push(statusState(combined.data.state));
  return {
    prState: prStateOf(pull),
    headSha: ref,
    branch: pull.head.ref,
    reviewState: latestReviewState(reviews),
    checksState: combineChecks(states),
  };
}

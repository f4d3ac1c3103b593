import type { Octokit } from "@octokit/rest";
import { type PrState, prStateOf } from "./github-states.ts";

export interface BranchPullRequest {
  number: number;
  url: string;
  headSha: string;
  prState: PrState;
}

/**
 * The newest pull request whose head is `branch` in the repository itself, in any state, or
 * null. Fork PRs from a same-named branch are not ours, so they are skipped. An HTTP failure
 * rejects with Octokit's RequestError.
 */
export async function findPullRequestForBranch(
  octokit: Octokit,
  ref: { owner: string; repo: string; branch: string },
): Promise<BranchPullRequest | null> {
  const { owner, repo, branch } = ref;
  // GitHub lists newest first when no sort is given; the first page is plenty for one branch.
  const { data } = await octokit.rest.pulls.list({
    owner,
    repo,
    head: `${owner}:${branch}`,
    state: "all",
    per_page: 100,
  });
  const fullName = `${owner}/${repo}`.toLowerCase();
  const pull = data.find((p) => p.head.ref === branch && p.head.repo?.full_name.toLowerCase() === fullName);
  if (!pull) return null;
  return { number: pull.number, url: pull.html_url, headSha: pull.head.sha, prState: prStateOf(pull) };
}

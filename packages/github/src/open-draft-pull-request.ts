import type { Octokit } from "@octokit/rest";
import { describeGithubError } from "./describe-github-error.ts";
import { findPullRequestForBranch } from "./find-pull-request-for-branch.ts";

export interface DraftPullRequest {
  owner: string;
  repo: string;
  head: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
}

export type OpenDraftResult =
  | { status: "opened"; number: number; url: string; headSha: string; adopted?: true; labelError?: string }
  | { status: "failed"; error: string; httpStatus?: number };

/**
 * Opens the pull request as a draft, so nobody merges a machine's fix by accident, then labels
 * it. A label that cannot be added (missing permission, say) leaves the PR open and is reported.
 *
 * An open PR already on that head is adopted (`adopted: true`) instead of created: a retry
 * after GitHub made the PR but before the caller recorded it would otherwise be refused with
 * "A pull request already exists" and leave that PR untracked.
 */
export async function openDraftPullRequest(octokit: Octokit, pr: DraftPullRequest): Promise<OpenDraftResult> {
  let result: Extract<OpenDraftResult, { status: "opened" }>;
  try {
    const existing = await findPullRequestForBranch(octokit, { owner: pr.owner, repo: pr.repo, branch: pr.head });
    if (existing && (existing.prState === "draft" || existing.prState === "open")) {
      result = {
        status: "opened",
        number: existing.number,
        url: existing.url,
        headSha: existing.headSha,
        adopted: true,
      };
    } else {
      const { data } = await octokit.rest.pulls.create({
        owner: pr.owner,
        repo: pr.repo,
        head: pr.head,
        base: pr.base,
        title: pr.title,
        body: pr.body,
        draft: true,
      });
      result = { status: "opened", number: data.number, url: data.html_url, headSha: data.head.sha };
    }
  } catch (error) {
    return { status: "failed", ...describeGithubError(error) };
  }
  // Labelled on adoption too: the earlier attempt may have stopped before labelling.
  if (pr.labels.length === 0) return result;
  try {
    await octokit.rest.issues.addLabels({
      owner: pr.owner,
      repo: pr.repo,
      issue_number: result.number,
      labels: pr.labels,
    });
  } catch (error) {
    return { ...result, labelError: describeGithubError(error).error };
  }
  return result;
}

import type { Octokit } from "@octokit/rest";
import { describeGithubError } from "./describe-github-error.ts";

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
  | { status: "opened"; number: number; url: string; headSha: string; labelError?: string }
  | { status: "failed"; error: string; httpStatus?: number };

/**
 * Opens the pull request as a draft, so nobody merges a machine's fix by accident, then labels
 * it. A label that cannot be added (missing permission, say) leaves the PR open and is reported.
 */
export async function openDraftPullRequest(octokit: Octokit, pr: DraftPullRequest): Promise<OpenDraftResult> {
  let opened: { number: number; html_url: string; head: { sha: string } };
  try {
    const response = await octokit.rest.pulls.create({
      owner: pr.owner,
      repo: pr.repo,
      head: pr.head,
      base: pr.base,
      title: pr.title,
      body: pr.body,
      draft: true,
    });
    opened = response.data;
  } catch (error) {
    return { status: "failed", ...describeGithubError(error) };
  }
  const result: OpenDraftResult = { status: "opened", number: opened.number, url: opened.html_url, headSha: opened.head.sha };
  if (pr.labels.length === 0) return result;
  try {
    await octokit.rest.issues.addLabels({ owner: pr.owner, repo: pr.repo, issue_number: opened.number, labels: pr.labels });
  } catch (error) {
    return { ...result, labelError: describeGithubError(error).error };
  }
  return result;
}

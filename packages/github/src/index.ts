export { createGithubClient, type GithubAuth } from "./create-github-client.ts";
export { openDraftPullRequest, type DraftPullRequest, type OpenDraftResult } from "./open-draft-pull-request.ts";
export { findPullRequestForBranch, type BranchPullRequest } from "./find-pull-request-for-branch.ts";
export { getPullRequestStatus, type PullRequestStatus } from "./get-pull-request-status.ts";
export { verifyGithubSignature } from "./verify-github-signature.ts";
export { parseGithubWebhook, type GithubDeployment, type GithubUpdate } from "./parse-github-webhook.ts";
export { GithubPayloadError } from "./github-payload-error.ts";
export { describeGithubError } from "./describe-github-error.ts";
export { CODEOWNERS_PATHS, ownersOf, parseCodeowners, requestCodeOwners, type ReviewRequest } from "./codeowners.ts";
export { compareCommits, type CommitRange, type RangeCommit } from "./compare-commits.ts";
export {
  type ChecksState,
  type PrState,
  type ReviewState,
  CHECKS_STATES,
  PR_STATES,
  REVIEW_STATES,
  combineChecks,
  latestReviewState,
} from "./github-states.ts";
export type { Octokit } from "@octokit/rest";
export {
  readFailedChecks,
  readRequestedChanges,
  type FailedCheck,
  type RequestedChanges,
} from "./read-repair-feedback.ts";

import type { Octokit } from "@octokit/rest";

/** A check run of the PR's head that did not pass, with what it reported. */
export interface FailedCheck {
  name: string;
  conclusion: string;
  title: string | null;
  summary: string | null;
  text: string | null;
  annotations: { path: string; line: number | null; level: string | null; title: string | null; message: string }[];
}

/** The review that requested changes, and its comments on lines of the diff. */
export interface RequestedChanges {
  reviewer: string | null;
  body: string | null;
  comments: { path: string; line: number | null; body: string }[];
}

const FAILING = new Set(["failure", "timed_out", "cancelled", "action_required", "startup_failure"]);
const MAX_CHECKS = 5;
const MAX_ANNOTATIONS = 50;

/** The failing check runs of `ref` (at most five) with their output and annotations. */
export async function readFailedChecks(
  octokit: Octokit,
  { owner, repo, ref }: { owner: string; repo: string; ref: string },
): Promise<FailedCheck[]> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, { owner, repo, ref, per_page: 100 });
  const failed = runs
    .filter((run) => run.status === "completed" && FAILING.has(run.conclusion ?? ""))
    .slice(0, MAX_CHECKS);
  return Promise.all(
    failed.map(async (run) => {
      const { data: annotations } = await octokit.rest.checks.listAnnotations({
        owner,
        repo,
        check_run_id: run.id,
        per_page: MAX_ANNOTATIONS,
      });
      return {
        name: run.name,
        conclusion: run.conclusion ?? "failure",
        title: run.output.title ?? null,
        summary: run.output.summary ?? null,
        text: run.output.text ?? null,
        annotations: annotations.map((a) => ({
          path: a.path,
          line: a.start_line ?? null,
          level: a.annotation_level ?? null,
          title: a.title ?? null,
          message: a.message ?? "",
        })),
      };
    }),
  );
}

/** The newest review of the PR that requested changes, with its line comments; null if none did. */
export async function readRequestedChanges(
  octokit: Octokit,
  { owner, repo, number }: { owner: string; repo: string; number: number },
): Promise<RequestedChanges | null> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner,
    repo,
    pull_number: number,
    per_page: 100,
  });
  const review = reviews.filter((r) => r.state === "CHANGES_REQUESTED").at(-1);
  if (!review) return null;
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner,
    repo,
    pull_number: number,
    per_page: 100,
  });
  return {
    reviewer: review.user?.login ?? null,
    body: review.body || null,
    comments: comments
      .filter((c) => c.pull_request_review_id === review.id)
      .map((c) => ({ path: c.path, line: c.line ?? c.original_line ?? null, body: c.body })),
  };
}

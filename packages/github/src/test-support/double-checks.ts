// What the double answers about reviews and checks, shaped like GitHub's responses.

export interface DoubleReview {
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  submittedAt?: string;
  user?: string;
  body?: string;
  /** Comments on lines of the diff submitted with the review. */
  comments?: { path: string; line: number; body: string }[];
}

export interface DoubleCheckRun {
  /** Given by setChecks when left out; unique across commits. */
  id?: number;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: string | null;
  output?: { title?: string; summary?: string; text?: string };
  annotations?: {
    path: string;
    line: number;
    level?: "notice" | "warning" | "failure";
    message: string;
    title?: string;
  }[];
}

export interface DoubleCommitStatus {
  context: string;
  state: "pending" | "success" | "failure" | "error";
}

export interface DoubleChecks {
  checkRuns?: DoubleCheckRun[];
  statuses?: DoubleCommitStatus[];
}

export function reviewJson(review: DoubleReview, index: number, headSha: string): Record<string, unknown> {
  return {
    id: 80_000 + index,
    user: { login: review.user ?? "reviewer" },
    body: review.body ?? "",
    state: review.state,
    commit_id: headSha,
    ...(review.state === "PENDING"
      ? {}
      : { submitted_at: review.submittedAt ?? new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString() }),
  };
}

export function checkRunsJson(sha: string, checks: DoubleChecks): Record<string, unknown> {
  const runs = checks.checkRuns ?? [];
  return {
    total_count: runs.length,
    check_runs: runs.map((run, i) => ({
      id: run.id ?? 4_000 + i,
      name: run.name,
      head_sha: sha,
      status: run.status,
      conclusion: run.status === "completed" ? (run.conclusion ?? "success") : null,
      app: { slug: "github-actions" },
      output: {
        title: run.output?.title ?? null,
        summary: run.output?.summary ?? null,
        text: run.output?.text ?? null,
        annotations_count: run.annotations?.length ?? 0,
      },
    })),
  };
}

export function annotationsJson(run: DoubleCheckRun): Record<string, unknown>[] {
  return (run.annotations ?? []).map((a) => ({
    path: a.path,
    start_line: a.line,
    end_line: a.line,
    annotation_level: a.level ?? "failure",
    title: a.title ?? null,
    message: a.message,
    raw_details: null,
  }));
}

/** The line comments of every review of a pull request, as `GET …/pulls/{n}/comments` lists them. */
export function reviewCommentsJson(reviews: DoubleReview[], headSha: string): Record<string, unknown>[] {
  return reviews.flatMap((review, index) =>
    (review.comments ?? []).map((c, i) => ({
      id: 70_000 + index * 100 + i,
      pull_request_review_id: 80_000 + index,
      path: c.path,
      line: c.line,
      original_line: c.line,
      body: c.body,
      commit_id: headSha,
      user: { login: review.user ?? "reviewer" },
    })),
  );
}

export function combinedStatusJson(sha: string, checks: DoubleChecks): Record<string, unknown> {
  const statuses = checks.statuses ?? [];
  const states = statuses.map((s) => s.state);
  const state = states.some((s) => s === "failure" || s === "error")
    ? "failure"
    : states.length === 0 || states.includes("pending")
      ? "pending"
      : "success";
  return {
    state,
    sha,
    total_count: statuses.length,
    statuses: statuses.map((s, i) => ({
      id: 9_000 + i,
      context: s.context,
      state: s.state,
      description: null,
      target_url: null,
    })),
  };
}

// What the double answers about reviews and checks, shaped like GitHub's responses.

export interface DoubleReview {
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  submittedAt?: string;
  user?: string;
}

export interface DoubleCheckRun {
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: string | null;
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
    body: "",
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
      id: 4_000 + i,
      name: run.name,
      head_sha: sha,
      status: run.status,
      conclusion: run.status === "completed" ? (run.conclusion ?? "success") : null,
      app: { slug: "github-actions" },
    })),
  };
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

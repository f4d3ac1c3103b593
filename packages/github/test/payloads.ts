// Payloads shaped like GitHub's webhook deliveries, trimmed to what a reader needs plus some noise.
export const HEAD = "a".repeat(40);
export const OTHER = "b".repeat(40);

export const repository = {
  id: 1,
  name: "checkout-api",
  full_name: "acme/checkout-api",
  owner: { login: "acme", id: 2 },
  private: true,
};

export function pullRequest(action: string, pr: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    action,
    number: 12,
    pull_request: {
      url: "https://api.github.com/repos/acme/checkout-api/pulls/12",
      number: 12,
      state: "open",
      draft: false,
      merged: false,
      merged_at: null,
      title: "Fix CHECKOUT-1",
      head: { ref: "fix/sentry-CHECKOUT-1", sha: HEAD, label: "acme:fix/sentry-CHECKOUT-1" },
      base: { ref: "main", sha: OTHER },
      ...pr,
    },
    repository,
    sender: { login: "ana" },
  };
}

export function review(action: string, state: string): Record<string, unknown> {
  const { pull_request } = pullRequest("x");
  return {
    action,
    review: { id: 5, state, commit_id: HEAD, body: null, user: { login: "ben" } },
    pull_request,
    repository,
  };
}

export function checkSuite(action: string, suite: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    action,
    check_suite: {
      id: 77,
      head_branch: "fix/sentry-CHECKOUT-1",
      head_sha: HEAD,
      status: "completed",
      conclusion: "success",
      pull_requests: [
        { number: 12, head: { ref: "fix/sentry-CHECKOUT-1", sha: HEAD }, base: { ref: "main", sha: OTHER } },
      ],
      app: { slug: "github-actions" },
      ...suite,
    },
    repository,
  };
}

export function checkRun(action: string, run: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    action,
    check_run: {
      id: 9,
      name: "test",
      head_sha: HEAD,
      status: "completed",
      conclusion: "failure",
      check_suite: { id: 77, head_branch: "fix/sentry-CHECKOUT-1" },
      pull_requests: [{ number: 12, head: { ref: "fix/sentry-CHECKOUT-1", sha: HEAD } }],
      ...run,
    },
    repository,
  };
}

export function status(
  state: string,
  branches = [
    { name: "main", commit: { sha: OTHER } },
    { name: "fix/sentry-CHECKOUT-1", commit: { sha: HEAD } },
  ],
): Record<string, unknown> {
  return { id: 3, sha: HEAD, name: "acme/checkout-api", context: "ci/legacy", state, branches, repository };
}

export const PR_STATES = ["draft", "open", "closed", "merged"] as const;
export type PrState = (typeof PR_STATES)[number];
export const REVIEW_STATES = ["approved", "changes_requested", "commented", "dismissed"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const CHECKS_STATES = ["pending", "success", "failure"] as const;
export type ChecksState = (typeof CHECKS_STATES)[number];

/** A pull request's state as people say it: merged and draft are states, not flags. */
export function prStateOf(pull: {
  state: string;
  draft?: boolean | null;
  merged?: boolean | null;
  merged_at?: string | null;
}): PrState {
  if (pull.merged || pull.merged_at) return "merged";
  if (pull.state === "closed") return "closed";
  return pull.draft ? "draft" : "open";
}

/** One check run or suite: unfinished is pending; neutral and skipped do not block a merge. */
export function checkState(status: string | null | undefined, conclusion: string | null | undefined): ChecksState {
  if (status && status !== "completed") return "pending";
  switch (conclusion) {
    case "success":
    case "neutral":
    case "skipped":
      return "success";
    case null:
    case undefined:
    case "stale":
      return "pending";
    default:
      // failure, timed_out, cancelled, action_required, startup_failure: a person has to look.
      return "failure";
  }
}

/** A commit status (the older API): `error` is a failure too. */
export function statusState(state: string): ChecksState {
  if (state === "success") return "success";
  if (state === "pending") return "pending";
  return "failure";
}

/** Any failure wins, then anything unfinished; nothing at all is `null`, not success. */
export function combineChecks(states: readonly ChecksState[]): ChecksState | null {
  if (states.length === 0) return null;
  if (states.includes("failure")) return "failure";
  if (states.includes("pending")) return "pending";
  return "success";
}

/** Review states come upper-case from the REST API and lower-case in webhooks. */
export function reviewStateOf(state: string): ReviewState | null {
  const lower = state.toLowerCase();
  return (REVIEW_STATES as readonly string[]).includes(lower) ? (lower as ReviewState) : null;
}

/**
 * The review that decides: the latest approval, change request or dismissal; a PR with only
 * comments is `commented`; pending (unsubmitted) reviews do not count.
 */
export function latestReviewState(
  reviews: readonly { state: string; submitted_at?: string | null }[],
): ReviewState | null {
  const submitted = reviews
    .map((r, order) => ({ state: reviewStateOf(r.state), at: r.submitted_at ? Date.parse(r.submitted_at) : 0, order }))
    .filter((r): r is { state: ReviewState; at: number; order: number } => r.state !== null)
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const decisive = submitted.filter((r) => r.state !== "commented").at(-1);
  if (decisive) return decisive.state;
  return submitted.length > 0 ? "commented" : null;
}

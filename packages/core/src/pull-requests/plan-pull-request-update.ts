import type { FixRun, PullRequestEventKind } from "@suture/db";
import type { GithubUpdate } from "@suture/github";

export type RunFields = Partial<Pick<FixRun, "prNumber" | "prState" | "reviewState" | "checksState" | "headSha">>;
export type TimelineEntry = { kind: PullRequestEventKind; message: string };

export interface UpdatePlan {
  fields: RunFields;
  /** The status change the update asks for; it still has to win the guarded transition. */
  transition: "merged" | "closed" | "reopen" | null;
  events: TimelineEntry[];
}

const REVIEW_WORDS = {
  approved: "approved",
  changes_requested: "requested changes on",
  commented: "commented on",
  dismissed: "dismissed the review of",
} as const;

const CHECKS_WORDS = { pending: "are running", success: "passed", failure: "failed" } as const;

/**
 * What a GitHub update changes on one run, decided from the run as it is now, so a
 * redelivered or repeated update changes nothing and writes nothing to the timeline.
 * Webhooks arrive out of order and one suite speaks only for itself: without `authoritative`
 * (the reconcile poll reads the whole PR), a lone comment does not hide an approval, a
 * passing suite does not hide a failing one, and checks of an older commit are dropped.
 */
export function planPullRequestUpdate(
  run: Pick<FixRun, "status" | keyof RunFields>,
  update: GithubUpdate,
  authoritative = false,
): UpdatePlan {
  const plan: UpdatePlan = { fields: {}, transition: null, events: [] };
  const pr = `pull request #${run.prNumber ?? update.prNumber ?? "?"}`;
  if (run.prNumber === null && update.prNumber !== null) plan.fields.prNumber = update.prNumber;
  if (update.prState) planPullRequestState(plan, run, { ...update, prState: update.prState }, pr);
  if (update.reviewState) planReview(plan, run, update.reviewState, pr, authoritative);
  if (update.checksState) planChecks(plan, run, { ...update, checksState: update.checksState }, pr, authoritative);
  return plan;
}

type PlannedRun = Pick<FixRun, "status" | keyof RunFields>;

/** The PR's state and head: pushes, ready/draft, and the run's merged/closed/reopen transition. */
function planPullRequestState(
  plan: UpdatePlan,
  run: PlannedRun,
  update: GithubUpdate & { prState: NonNullable<GithubUpdate["prState"]> },
  pr: string,
): void {
  // Pull request events carry the PR's head: the commit later checks must be about.
  if (update.headSha && update.headSha !== run.headSha) {
    plan.fields.headSha = update.headSha;
    if (run.headSha) {
      plan.events.push({
        kind: "pr_pushed",
        message: `New commits were pushed to ${pr} (now at ${short(update.headSha)})`,
      });
      if (run.checksState !== null) plan.fields.checksState = null;
    }
  }
  if (update.prState !== run.prState) plan.fields.prState = update.prState;
  const isOpen = update.prState === "open" || update.prState === "draft";
  if (update.prState === "merged" && run.status === "pr_open") plan.transition = "merged";
  else if (update.prState === "closed" && run.status === "pr_open") plan.transition = "closed";
  else if (isOpen && run.status === "closed") plan.transition = "reopen";
  else if (isOpen && (run.prState === "open" || run.prState === "draft") && update.prState !== run.prState) {
    plan.events.push(
      update.prState === "open"
        ? { kind: "pr_ready", message: `${capital(pr)} was marked ready for review` }
        : { kind: "pr_draft", message: `${capital(pr)} was turned back into a draft` },
    );
  }
}

/** A review decision; a lone comment does not hide an approval or a change request unless authoritative. */
function planReview(
  plan: UpdatePlan,
  run: PlannedRun,
  reviewState: NonNullable<GithubUpdate["reviewState"]>,
  pr: string,
  authoritative: boolean,
): void {
  if (reviewState === run.reviewState) return;
  const hidesDecision =
    !authoritative &&
    reviewState === "commented" &&
    (run.reviewState === "approved" || run.reviewState === "changes_requested");
  if (hidesDecision) return;
  plan.fields.reviewState = reviewState;
  plan.events.push({ kind: "review", message: `A reviewer ${REVIEW_WORDS[reviewState]} ${pr}` });
}

/** Checks of the PR's head; a passing suite does not hide a failing one unless authoritative. */
function planChecks(
  plan: UpdatePlan,
  run: PlannedRun,
  update: GithubUpdate & { checksState: NonNullable<GithubUpdate["checksState"]> },
  pr: string,
  authoritative: boolean,
): void {
  const { fields } = plan;
  const head = fields.headSha ?? run.headSha;
  const current = "checksState" in fields ? fields.checksState : run.checksState;
  const sameCommit = authoritative || !update.headSha || !head || update.headSha === head;
  const hidesFailure = !authoritative && update.checksState === "success" && current === "failure";
  if (!sameCommit || hidesFailure || update.checksState === current) return;
  if (!head && update.headSha) fields.headSha = update.headSha;
  fields.checksState = update.checksState;
  const at = update.headSha ?? head;
  plan.events.push({
    kind: "pr_checks",
    message: `Checks ${CHECKS_WORDS[update.checksState]} on ${pr}${at ? ` (${short(at)})` : ""}`,
  });
}

const short = (sha: string) => sha.slice(0, 7);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

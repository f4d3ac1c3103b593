import type { FixRun } from "@suture/db";

// Seer's steps in the order a run goes through them. Deliveries can arrive out of order (and
// internal integrations get no retries, so a late one is all there is): a run only moves forward.
const RANK: Partial<Record<FixRun["status"], number>> = {
  approved: -1,
  running: -1,
  root_cause: 0,
  solution: 1,
  coding: 2,
  pr_open: 3,
};
export type SeerStage = "root_cause" | "solution" | "coding" | "pr_open";

/** The stage a `seer.<action>` reports; null for actions that say nothing about progress (iterations). */
export function seerStage(action: string): SeerStage | null {
  if (action.startsWith("root_cause_")) return "root_cause";
  if (action.startsWith("solution_")) return "solution";
  if (action.startsWith("coding_")) return "coding";
  if (action === "pr_created" || action === "pr_ready_for_review") return "pr_open";
  return null;
}

/** Where Seer stops for each `stopping_point` short of a PR: the stage whose `_completed` ends its run. */
const STOPS: Record<string, SeerStage> = { root_cause: "root_cause", solution: "solution", code_changes: "coding" };

/** Whether `action` is Seer finishing the stage the stopping point stops at (never, for `open_pr`). */
export function seerStopped(action: string, stoppingPoint: string): boolean {
  const stop = STOPS[stoppingPoint];
  return stop !== undefined && action === `${stop}_completed`;
}

/**
 * The status a run takes after a step. A Seer run shows Seer's stages; a run Suture dispatched
 * to Seer stays `running` (an active status, which keeps triage from opening a second run for
 * the issue) until the PR is open — or until Seer finishes the stage its stopping point stops
 * at (`stopped`): then it ends at that stage. Finished runs (merged, closed, failed, ...) never change.
 */
export function nextSeerStatus(
  run: Pick<FixRun, "origin" | "status">,
  stage: SeerStage | null,
  stopped = false,
): FixRun["status"] {
  const current = RANK[run.status];
  const next = stage ? RANK[stage] : undefined;
  if (!stage || current === undefined || next === undefined || next <= current) return run.status;
  if (run.origin === "suture" && stage !== "pr_open" && !stopped) return "running";
  return stage;
}

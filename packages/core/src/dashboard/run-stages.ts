import type { FixRun, FixRunEvent } from "@suture/db";
import { seerStage } from "../seer/seer-stage.ts";

export type StageState = "done" | "current" | "failed" | "pending";
export interface RunStage {
  key: string;
  label: string;
  state: StageState;
}

type Run = Pick<FixRun, "origin" | "status" | "prNumber">;

const ACTIVE = new Set<FixRun["status"]>([
  "awaiting_approval",
  "approved",
  "running",
  "root_cause",
  "solution",
  "coding",
]);
const ENDED_BADLY = new Set<FixRun["status"]>(["failed", "rejected", "superseded", "closed"]);

const SUTURE_STAGES = [
  ["approved", "Approved"],
  ["started", "Started"],
  ["agent", "Agent"],
  ["checks", "Checks"],
  ["tests", "Tests"],
  ["pushed", "Pushed"],
  ["pr", "Pull request"],
] as const;

const SEER_STAGES = [
  ["root_cause", "Root cause"],
  ["solution", "Solution"],
  ["coding", "Coding"],
  ["pr_open", "Pull request"],
] as const;

/** Whether each of Suture's stages is done, failed (a refusal it recorded), or not reached. */
function sutureOutcomes(run: Run, events: FixRunEvent[]): Record<string, "done" | "failed" | undefined> {
  const outcome: Record<string, "done" | "failed" | undefined> = {};
  for (const event of events) {
    // The stages are the first run's; a repair's checks and tests are the timeline's to show.
    if (event.kind === "repair_started") break;
    if (event.kind === "approved") outcome.approved = "done";
    else if (event.kind === "rejected") outcome.approved = "failed";
    else if (event.kind === "started") outcome.started = "done";
    else if (event.kind === "agent") outcome.agent = event.data.exitCode === 0 && !event.data.error ? "done" : "failed";
    else if (event.kind === "checks") outcome.checks = event.data.ok ? "done" : "failed";
    else if (event.kind === "tests") outcome.tests = event.data.ok ? "done" : "failed";
    else if (event.kind === "pushed") outcome.pushed = "done";
    else if (event.kind === "pr_opened") outcome.pr = "done";
  }
  if (run.prNumber !== null) outcome.pr = "done";
  return outcome;
}

/** Marks the first stage not yet done as where the run is (active) or where it stopped (ended badly). */
function settle(run: Run, stages: RunStage[]): RunStage[] {
  if (stages.some((stage) => stage.state === "failed")) return stages;
  const next = stages.find((stage) => stage.state === "pending");
  if (next && ACTIVE.has(run.status)) next.state = "current";
  else if (next && ENDED_BADLY.has(run.status)) next.state = "failed";
  return stages;
}

function sutureStages(run: Run, events: FixRunEvent[]): RunStage[] {
  const outcome = sutureOutcomes(run, events);
  const stages = SUTURE_STAGES.map(([key, label]): RunStage => ({ key, label, state: outcome[key] ?? "pending" }));
  // A later stage done means the earlier ones were passed (a resumed run may not repeat them).
  // (`slice(0, -1)` when none is done would mark all but the last: a run awaiting approval
  // showed every stage passed.)
  const lastDone = stages.findLastIndex((stage) => stage.state === "done");
  if (lastDone > 0) for (const stage of stages.slice(0, lastDone)) if (stage.state === "pending") stage.state = "done";
  return settle(run, stages);
}

/** The action of a step Seer reported, if the entry is one. */
function seerAction(event: FixRunEvent): string | null {
  if (event.kind === "unreadable" || event.kind === "seer_started" || !event.kind.startsWith("seer_")) return null;
  const data: object = event.data;
  return "action" in data && typeof data.action === "string" ? data.action : null;
}

function seerStages(run: Run, events: FixRunEvent[]): RunStage[] {
  const rank = (stage: string | null) => SEER_STAGES.findIndex(([key]) => key === stage);
  let reached = Math.max(rank(run.status), run.prNumber !== null ? rank("pr_open") : -1);
  for (const event of events) {
    const action = seerAction(event);
    if (action) reached = Math.max(reached, rank(seerStage(action)));
  }
  const finished = !ACTIVE.has(run.status) && !ENDED_BADLY.has(run.status);
  const stages = SEER_STAGES.map(([key, label], i): RunStage => {
    const done = i < reached || (i === reached && finished);
    return { key, label, state: done ? "done" : "pending" };
  });
  return settle(run, stages);
}

/**
 * The stepper of a run's page: Seer's root cause → solution → coding → PR for a run Seer works
 * on, else Suture's approved → started → agent → checks → tests → pushed → PR.
 */
export function runStages(run: Run, events: FixRunEvent[]): RunStage[] {
  const viaSeer = run.origin === "seer" || events.some((event) => event.kind === "seer_started");
  return viaSeer ? seerStages(run, events) : sutureStages(run, events);
}

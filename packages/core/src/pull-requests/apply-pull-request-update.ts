import {
  appendFixRunEvent,
  type Db,
  type FixRun,
  findFixRunsForPullRequest,
  lockFixRun,
  reopenFixRun,
  transitionFixRun,
  updateFixRun,
} from "@suture/db";
import type { GithubUpdate } from "@suture/github";
import { getDb } from "../database.ts";
import { inngest } from "../inngest/client.ts";
import { fixMerged } from "../inngest/events.ts";
import { planPullRequestUpdate, type TimelineEntry, type UpdatePlan } from "./plan-pull-request-update.ts";
import { log } from "../observability/log.ts";
import { repairAutomatically } from "../fixes/repair/request-repair.ts";

export interface AppliedRun {
  fixRunId: string;
  workspaceId: string;
  status: FixRun["status"];
  /** Timeline kinds appended; empty when the update told the run nothing new. */
  changes: string[];
}

export type ApplyResult = { status: "applied"; runs: AppliedRun[] } | { status: "no_run"; reason: string };

/**
 * Applies what GitHub says about a pull request to the fix run(s) that opened it: PR, review
 * and checks state, and the status changes merge, close and reopen imply. Each run changes in
 * its own transaction under its row lock; `fix/merged` goes out once the merge is committed.
 */
export async function applyPullRequestUpdate(
  update: GithubUpdate,
  options: { authoritative?: boolean } = {},
): Promise<ApplyResult> {
  const db = await getDb();
  const runs = await findFixRunsForPullRequest(db, update);
  if (runs.length === 0) {
    const names = [
      update.prNumber !== null ? `PR #${update.prNumber}` : null,
      update.branch && `branch ${update.branch}`,
      update.headSha && `commit ${update.headSha.slice(0, 7)}`,
    ];
    return {
      status: "no_run",
      reason: `no fix run matches ${update.owner}/${update.repo} ${names.filter(Boolean).join(", ") || "(nothing to match on)"}`,
    };
  }
  const applied: AppliedRun[] = [];
  for (const { id } of runs) {
    const result = await db.transaction((tx) => applyToRun(tx, id, update, options.authoritative ?? false));
    if (result) applied.push(result);
  }
  for (const run of applied.filter((r) => r.changes.includes("pr_merged"))) await announceMerge(run);
  // After the update is committed: a failure it reported may start a repair the policy allows.
  for (const run of applied.filter((r) => r.changes.includes("pr_checks") || r.changes.includes("review")))
    await repairAutomatically(run.fixRunId, update);
  return { status: "applied", runs: applied };
}

async function applyToRun(
  tx: Db,
  id: string,
  update: GithubUpdate,
  authoritative: boolean,
): Promise<AppliedRun | undefined> {
  const run = await lockFixRun(tx, { id });
  if (!run) return undefined;
  const plan = planPullRequestUpdate(run, update, authoritative);
  const pr = `Pull request #${plan.fields.prNumber ?? run.prNumber ?? update.prNumber ?? "?"}`;
  let current = run;
  const events = [...plan.events];
  const transitioned = await transition(tx, run, plan);
  if (transitioned && plan.transition) {
    current = transitioned;
    events.unshift(TRANSITION_EVENTS[plan.transition](pr));
  } else {
    if (plan.transition === "reopen") {
      events.unshift({
        kind: "pr_reopened",
        message: `${pr} was reopened, but the issue has another active fix run, so this one stays closed`,
      });
    }
    if (Object.keys(plan.fields).length > 0) current = (await updateFixRun(tx, { id, fields: plan.fields })) ?? run;
  }
  const data = { event: update.event, action: update.action, headSha: update.headSha };
  for (const event of events) await appendFixRunEvent(tx, { fixRunId: id, event: { ...event, data } });
  return { fixRunId: id, workspaceId: run.workspaceId, status: current.status, changes: events.map((e) => e.kind) };
}

const TRANSITION_EVENTS: Record<NonNullable<UpdatePlan["transition"]>, (pr: string) => TimelineEntry> = {
  merged: (pr: string) => ({ kind: "pr_merged", message: `${pr} was merged` }),
  closed: (pr: string) => ({
    kind: "pr_closed",
    message: `${pr} was closed without merging; the issue can get a new fix run`,
  }),
  reopen: (pr: string) => ({ kind: "pr_reopened", message: `${pr} was reopened` }),
};

/** The guarded status change the plan asks for, or undefined if there is none or it lost. */
async function transition(tx: Db, run: FixRun, plan: UpdatePlan): Promise<FixRun | undefined> {
  switch (plan.transition) {
    case "merged":
      return transitionFixRun(tx, {
        id: run.id,
        from: ["pr_open"],
        to: "merged",
        fields: {
          ...plan.fields,
          reason: "its pull request was merged",
          finishedAt: new Date(),
        },
      });
    case "closed":
      return transitionFixRun(tx, {
        id: run.id,
        from: ["pr_open"],
        to: "closed",
        fields: {
          ...plan.fields,
          reason: "its pull request was closed without merging",
          finishedAt: new Date(),
        },
      });
    case "reopen":
      return reopenFixRun(tx, { id: run.id, fields: plan.fields });
    default:
      return undefined;
  }
}

/** The merge is committed either way; a lost announcement is logged, like an approval's. */
async function announceMerge(run: AppliedRun): Promise<void> {
  try {
    await inngest.send(
      fixMerged.create({ fixRunId: run.fixRunId, workspaceId: run.workspaceId }, { id: `fix-merged-${run.fixRunId}` }),
    );
  } catch (error) {
    log.warn({ fixRunId: run.fixRunId, err: error }, "could not announce the merge");
  }
}

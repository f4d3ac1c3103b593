import {
  appendFixRunEvent,
  claimFixRunRepair,
  type Db,
  type FixRun,
  getFixRun,
  getWorkspacePolicy,
  insertAuditEvent,
  REPAIR_CLAIM_STALE_MS,
} from "@suture/db";
import type { GithubUpdate } from "@suture/github";
import type { Actor } from "../../auth/roles.ts";
import { getDb } from "../../database.ts";
import { inngest } from "../../inngest/client.ts";
import { fixRepairRequested } from "../../inngest/events.ts";
import { log } from "../../observability/log.ts";
import { endRepair } from "./repair-fix-run.ts";

export type RepairTrigger = "checks" | "review";

export type RepairRequestResult =
  | { status: "requested"; fixRun: FixRun; iteration: number; trigger: RepairTrigger }
  | { status: "not_found"; error: string }
  | { status: "conflict"; error: string };

export interface RepairRequestOptions {
  /** Limits the request to one workspace: a run of another one is "not found". */
  workspaceId?: string;
  /** The policy's request: held to its number of iterations and to one try per commit. */
  automatic?: { maxIterations: number };
  trigger?: RepairTrigger;
  /** The PR head the failure is about; a repair for an older head is refused. */
  headSha?: string;
}

/**
 * Claims one repair of a run's open PR and announces it: the guarded claim lets one repair at a
 * time work on the branch, only on the head the run knows. A person may ask whatever the
 * policy's number of iterations; the repair starts from what failed (checks before a review).
 */
export async function requestRepair(
  fixRunId: string,
  actor: Actor | string,
  options: RepairRequestOptions = {},
): Promise<RepairRequestResult> {
  const { userId, label: by } = typeof actor === "string" ? { userId: null, label: actor } : actor;
  const db = await getDb();
  const result = await db.transaction(async (tx): Promise<RepairRequestResult> => {
    const run = await getFixRun(tx, { id: fixRunId });
    if (!run || (options.workspaceId && run.workspaceId !== options.workspaceId))
      return { status: "not_found", error: `no fix run ${fixRunId}` };
    const trigger = options.trigger ?? repairTriggerOf(run);
    const refused = whyNotRepairable(run, trigger);
    if (refused || !trigger) return { status: "conflict", error: refused ?? "nothing to repair" };
    const headSha = options.headSha ?? run.headSha ?? "";
    const claimed = await claimFixRunRepair(tx, { id: fixRunId, headSha, automatic: options.automatic });
    if (!claimed) return { status: "conflict", error: await lostClaim(tx, fixRunId, headSha) };
    const iteration = claimed.iterations;
    const why = trigger === "checks" ? "checks failed" : "a reviewer requested changes";
    await appendFixRunEvent(tx, {
      fixRunId,
      event: {
        kind: "repair_started",
        message: `Repair ${iteration} requested by ${by}: ${why} on ${headSha.slice(0, 7)}`,
        data: { iteration, trigger, by, headSha },
      },
    });
    if (!options.automatic) await auditRepair(tx, claimed, { userId, label: by }, { iteration, trigger });
    return { status: "requested", fixRun: claimed, iteration, trigger };
  });
  if (result.status === "requested") await announceRepair(result.fixRun, result.iteration);
  return result;
}

/** What there is to repair on the run now: failing checks first, then a change request. */
export function repairTriggerOf(run: Pick<FixRun, "checksState" | "reviewState">): RepairTrigger | null {
  if (run.checksState === "failure") return "checks";
  if (run.reviewState === "changes_requested") return "review";
  return null;
}

/** Why a person cannot ask for a repair of this run now; null when they can. */
export function whyNotRepairable(run: FixRun, trigger: RepairTrigger | null): string | null {
  if (run.origin !== "suture") return "Seer's pull requests are repaired by Seer";
  if (run.status !== "pr_open") return `the run is ${run.status.replaceAll("_", " ")}, not an open pull request`;
  if (!run.headSha || !run.branch || !run.baseSha) return "the run has no branch Suture pushed";
  if (run.repairStartedAt && run.repairStartedAt.getTime() > Date.now() - REPAIR_CLAIM_STALE_MS)
    return "a repair is already working on the branch";
  if (!trigger) return "its checks have not failed and no review requested changes";
  return null;
}

/**
 * After a webhook changed a run: a failing check or a change request on the PR's current head
 * starts a repair when the workspace policy allows automatic ones and has iterations left.
 * The reconcile poll never does: it repeats GitHub's standing state, not a new failure.
 */
export async function repairAutomatically(fixRunId: string, update: GithubUpdate): Promise<void> {
  if (update.event === "reconcile") return;
  const db = await getDb();
  const run = await getFixRun(db, { id: fixRunId });
  if (!run || run.status !== "pr_open" || run.origin !== "suture") return;
  if (update.headSha && update.headSha !== run.headSha) return;
  const trigger =
    update.checksState === "failure" && run.checksState === "failure"
      ? "checks"
      : update.event === "pull_request_review" &&
          update.reviewState === "changes_requested" &&
          run.reviewState === "changes_requested"
        ? "review"
        : null;
  if (!trigger || !run.headSha) return;
  const policy = await getWorkspacePolicy(db, { workspaceId: run.workspaceId });
  if (run.iterations >= policy.autoRepairIterations) return;
  const result = await requestRepair(fixRunId, "policy", {
    automatic: { maxIterations: policy.autoRepairIterations },
    trigger,
    headSha: run.headSha,
  });
  if (result.status !== "requested") log.info({ fixRunId, reason: result.error }, "no automatic repair");
}

async function lostClaim(tx: Db, fixRunId: string, headSha: string): Promise<string> {
  const run = await getFixRun(tx, { id: fixRunId });
  if (!run) return `no fix run ${fixRunId}`;
  if (run.headSha !== headSha) return `the pull request moved on from ${headSha.slice(0, 7)}`;
  return whyNotRepairable(run, "checks") ?? "the policy's automatic repairs are used up for this pull request";
}

async function auditRepair(tx: Db, run: FixRun, actor: Actor, data: Record<string, unknown>): Promise<void> {
  await insertAuditEvent(tx, {
    workspaceId: run.workspaceId,
    actorUserId: actor.userId,
    actor: actor.label,
    action: "fix_run.repair_requested",
    targetType: "fix_run",
    targetId: run.id,
    data,
  });
}

/** The claim is committed either way; a lost announcement releases it, so the repair can be asked for again. */
async function announceRepair(run: FixRun, iteration: number): Promise<void> {
  try {
    await inngest.send(
      fixRepairRequested.create(
        { fixRunId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId, iteration },
        { id: `fix-repair-${run.id}-${iteration}` },
      ),
    );
  } catch (error) {
    log.warn({ fixRunId: run.id, err: error }, "could not announce the repair");
    await endRepair(run.id, iteration, "the repair could not be announced; ask for it again");
  }
}

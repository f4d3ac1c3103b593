import {
  appendFixRunEvent,
  type Db,
  type FixRun,
  getFixRun,
  getWorkspacePolicy,
  insertAuditEvent,
  transitionFixRun,
} from "@suture/db";
import type { Actor } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { inngest } from "../inngest/client.ts";
import { fixApproved } from "../inngest/events.ts";
import { dispatchBudgetExceeded } from "./dispatch-budget.ts";
import { log } from "../observability/log.ts";

export type DecisionResult =
  | { status: "approved" | "rejected"; fixRun: FixRun }
  | { status: "not_found"; error: string }
  | { status: "conflict"; error: string; current: FixRun["status"] }
  | { status: "over_budget"; error: string };

/** Limits a decision to one workspace: a run of another one is "not found". */
export interface DecisionScope {
  workspaceId?: string;
}

/**
 * A person approves a run awaiting approval. Guarded: of two approvals racing, one wins and
 * the other is told the run's current state. The winner announces `fix/approved`; the audit log
 * records who, in the same transaction.
 */
export async function approveFixRun(
  fixRunId: string,
  actor: Actor | string,
  scope: DecisionScope = {},
): Promise<DecisionResult> {
  const { userId, label: by } = asActor(actor);
  const db = await getDb();
  const result = await db.transaction(async (tx): Promise<DecisionResult> => {
    const run = await getScopedRun(tx, fixRunId, scope);
    if (!run) return { status: "not_found", error: `no fix run ${fixRunId}` };
    const overBudget = await dispatchBudgetExceeded(tx, await getWorkspacePolicy(tx, { workspaceId: run.workspaceId }));
    if (overBudget && run.status === "awaiting_approval") return { status: "over_budget", error: overBudget };
    const approved = await transitionFixRun(tx, {
      id: fixRunId,
      from: ["awaiting_approval"],
      to: "approved",
      fields: { approvedBy: by, approvedByUserId: userId, approvedAt: new Date() },
    });
    if (!approved) return conflict(tx, fixRunId, "approved");
    await appendFixRunEvent(tx, { fixRunId, event: { kind: "approved", message: `Approved by ${by}` } });
    await audit(tx, approved, { userId, label: by }, "fix_run.approved");
    return { status: "approved", fixRun: approved };
  });
  if (result.status === "approved") await announceApproval(result.fixRun, by);
  return result;
}

/** A person rejects a run; its issue gets no new run until it regresses. */
export async function rejectFixRun(
  fixRunId: string,
  actor: Actor | string,
  reason?: string,
  scope: DecisionScope = {},
): Promise<DecisionResult> {
  const { userId, label: by } = asActor(actor);
  const db = await getDb();
  return db.transaction(async (tx): Promise<DecisionResult> => {
    const run = await getScopedRun(tx, fixRunId, scope);
    if (!run) return { status: "not_found", error: `no fix run ${fixRunId}` };
    const rejected = await transitionFixRun(tx, {
      id: fixRunId,
      from: ["awaiting_approval"],
      to: "rejected",
      fields: { rejectedBy: by, rejectedByUserId: userId, rejectedAt: new Date(), reason: reason ?? null },
    });
    if (!rejected) return conflict(tx, fixRunId, "rejected");
    await appendFixRunEvent(tx, {
      fixRunId,
      event: {
        kind: "rejected",
        message: `Rejected by ${by}${reason ? `: ${reason}` : ""}`,
      },
    });
    await audit(tx, rejected, { userId, label: by }, "fix_run.rejected", reason ? { reason } : {});
    return { status: "rejected", fixRun: rejected };
  });
}

function asActor(actor: Actor | string): Actor {
  return typeof actor === "string" ? { userId: null, label: actor } : actor;
}

async function getScopedRun(tx: Db, fixRunId: string, scope: DecisionScope): Promise<FixRun | undefined> {
  const run = await getFixRun(tx, { id: fixRunId });
  return run && (!scope.workspaceId || run.workspaceId === scope.workspaceId) ? run : undefined;
}

async function audit(
  tx: Db,
  run: FixRun,
  actor: Actor,
  action: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await insertAuditEvent(tx, {
    workspaceId: run.workspaceId,
    actorUserId: actor.userId,
    actor: actor.label,
    action,
    targetType: "fix_run",
    targetId: run.id,
    data,
  });
}

/** The loser of a race learns what the run is now, not what it was when it looked. */
async function conflict(tx: Db, fixRunId: string, wanted: string): Promise<DecisionResult> {
  const run = await getFixRun(tx, { id: fixRunId });
  if (!run) return { status: "not_found", error: `no fix run ${fixRunId}` };
  return {
    status: "conflict",
    current: run.status,
    error: `fix run ${fixRunId} is ${run.status.replaceAll("_", " ")}, so it cannot be ${wanted}`,
  };
}

/** The approval is committed either way; a lost announcement leaves the run `approved`, visible. */
export async function announceApproval(
  run: Pick<FixRun, "id" | "workspaceId" | "repositoryId">,
  by: string,
): Promise<void> {
  try {
    await inngest.send(
      fixApproved.create(
        { fixRunId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId, approvedBy: by },
        { id: `fix-approved-${run.id}` },
      ),
    );
  } catch (error) {
    log.warn({ fixRunId: run.id, err: error }, "could not announce the approval; the sweeper will");
  }
}

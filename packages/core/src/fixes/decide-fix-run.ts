import { appendFixRunEvent, type Db, type FixRun, getFixRun, getWorkspacePolicy, transitionFixRun } from "@suture/db";
import { getDb } from "../database.ts";
import { inngest } from "../inngest/client.ts";
import { fixApproved } from "../inngest/events.ts";
import { dispatchBudgetExceeded } from "./dispatch-budget.ts";

export type DecisionResult =
  | { status: "approved" | "rejected"; fixRun: FixRun }
  | { status: "not_found"; error: string }
  | { status: "conflict"; error: string; current: FixRun["status"] }
  | { status: "over_budget"; error: string };

/**
 * A person approves a run awaiting approval. Guarded: of two approvals racing, one wins and
 * the other is told the run's current state. The winner announces `fix/approved`.
 */
export async function approveFixRun(fixRunId: string, by: string): Promise<DecisionResult> {
  const db = await getDb();
  const result = await db.transaction(async (tx): Promise<DecisionResult> => {
    const run = await getFixRun(tx, { id: fixRunId });
    if (!run) return { status: "not_found", error: `no fix run ${fixRunId}` };
    const overBudget = await dispatchBudgetExceeded(tx, await getWorkspacePolicy(tx, { workspaceId: run.workspaceId }));
    if (overBudget && run.status === "awaiting_approval") return { status: "over_budget", error: overBudget };
    const approved = await transitionFixRun(tx, {
      id: fixRunId,
      from: ["awaiting_approval"],
      to: "approved",
      fields: {
        approvedBy: by,
        approvedAt: new Date(),
      },
    });
    if (!approved) return conflict(tx, fixRunId, "approved");
    await appendFixRunEvent(tx, { fixRunId, event: { kind: "approved", message: `Approved by ${by}` } });
    return { status: "approved", fixRun: approved };
  });
  if (result.status === "approved") await announceApproval(result.fixRun, by);
  return result;
}

/** A person rejects a run; its issue gets no new run until it regresses. */
export async function rejectFixRun(fixRunId: string, by: string, reason?: string): Promise<DecisionResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<DecisionResult> => {
    const run = await getFixRun(tx, { id: fixRunId });
    if (!run) return { status: "not_found", error: `no fix run ${fixRunId}` };
    const rejected = await transitionFixRun(tx, {
      id: fixRunId,
      from: ["awaiting_approval"],
      to: "rejected",
      fields: {
        rejectedBy: by,
        rejectedAt: new Date(),
        reason: reason ?? null,
      },
    });
    if (!rejected) return conflict(tx, fixRunId, "rejected");
    await appendFixRunEvent(tx, {
      fixRunId,
      event: {
        kind: "rejected",
        message: `Rejected by ${by}${reason ? `: ${reason}` : ""}`,
      },
    });
    return { status: "rejected", fixRun: rejected };
  });
}

/** The loser of a race learns what the run is now, not what it was when it looked. */
async function conflict(tx: Db, fixRunId: string, wanted: string): Promise<DecisionResult> {
  const run = (await getFixRun(tx, { id: fixRunId }))!;
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
    console.warn(`[suture] could not announce approval of fix run ${run.id}: ${(error as Error).message}`);
  }
}

import { appendFixRunEvent, getFixRun, getWorkspacePolicy, latestFixRunEvent, transitionFixRun } from "@suture/db";
import { getDb } from "../../database.ts";

export type StartResult =
  { status: "started"; viaSeer: boolean; resumed: boolean } | { status: "skipped"; reason: string };

/**
 * Claims an approved run for dispatch. A run already `running` is resumed (a retry after a
 * crash); any other state means someone else finished or stopped it, and nothing happens.
 */
export async function startFixRun(fixRunId: string): Promise<StartResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<StartResult> => {
    const run = await getFixRun(tx, { id: fixRunId });
    if (!run) return { status: "skipped", reason: `no fix run ${fixRunId}` };
    if (run.origin !== "suture") return { status: "skipped", reason: "Seer runs are dispatched by Seer" };
    // A resumed run keeps the path it started on, whatever the policy says now: the agent's claim
    // records `started`; a claim for Seer records nothing until Seer answers.
    if (run.status === "running") {
      const viaSeer = run.seerRunId !== null || !(await latestFixRunEvent(tx, { fixRunId, kind: "started" }));
      return { status: "started", viaSeer, resumed: true };
    }
    const policy = await getWorkspacePolicy(tx, { workspaceId: run.workspaceId });
    if (policy.dispatchViaSeer) return { status: "started", viaSeer: true, resumed: false };
    const started = await transitionFixRun(tx, {
      id: fixRunId,
      from: ["approved"],
      to: "running",
      fields: { startedAt: new Date() },
    });
    if (!started) return { status: "skipped", reason: `the run is ${run.status.replaceAll("_", " ")}` };
    await appendFixRunEvent(tx, { fixRunId, event: { kind: "started", message: "Dispatch started" } });
    return { status: "started", viaSeer: false, resumed: false };
  });
}

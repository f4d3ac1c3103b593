import { runAgent, snapshotChanges } from "@suture/fixer";
import { updateFixRun } from "@suture/db";
import { agentSummary } from "../agent-summary.ts";
import type { Checkout, FixJob, Snapshot } from "./fix-job.ts";
import { createRunLog } from "./run-log.ts";
import { observeAgent } from "../../observability/metrics.ts";

/**
 * Stage 2, agent: the agent's run on `prompt` in the checkout, and what it changed against
 * `baseSha` (the checkout's commit unless told otherwise), kept on the run with its summary
 * (a repair keeps the first run's).
 */
export async function runFixAgent(
  job: Pick<FixJob, "agent" | "fixRunId" | "db" | "note">,
  checkout: Pick<Checkout, "dir" | "sha">,
  prompt: string,
  { baseSha = checkout.sha, keepSummary = false }: { baseSha?: string; keepSummary?: boolean } = {},
): Promise<{ status: "done"; snapshot: Snapshot } | { status: "failed"; reason: string }> {
  const { agent, fixRunId } = job;
  const log = createRunLog(fixRunId, "agent_output");
  const result = await runAgent({
    ...agent.preset,
    cwd: checkout.dir,
    prompt,
    timeoutMs: agent.timeoutMs,
    runAs: agent.runAs,
    sandbox: agent.sandbox?.kind,
    hide: agent.sandbox?.hide,
    onOutput: (chunk) => log.write(chunk),
  });
  await log.close();
  observeAgent(
    result.timedOut ? "timed_out" : result.exitCode === 0 && !result.error ? "finished" : "failed",
    result.durationMs / 1000,
  );
  // Before any other git command reads the checkout the agent could have tampered with.
  const snapshot = await snapshotChanges(checkout.dir, baseSha);
  const summary = agentSummary(result.output);
  await updateFixRun(job.db, {
    id: fixRunId,
    fields: { ...(keepSummary ? {} : { summary }), diff: snapshot.status === "ok" ? snapshot.diff || null : null },
  });
  const seconds = Math.round(result.durationMs / 100) / 10;
  await job.note({
    kind: "agent",
    message: result.timedOut
      ? `The agent was stopped after ${seconds}s (timeout)`
      : `The agent exited with code ${result.exitCode} after ${seconds}s`,
    data: {
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      durationMs: Math.round(result.durationMs),
      truncated: result.truncated,
      error: result.error ?? null,
    },
  });
  if (result.error) return { status: "failed", reason: result.error };
  if (result.timedOut)
    return {
      status: "failed",
      reason: `the agent did not finish within ${Math.round(agent.timeoutMs / 60_000)} minutes and was stopped`,
    };
  if (result.exitCode !== 0)
    return { status: "failed", reason: `the agent exited with code ${result.exitCode ?? result.signal}` };
  return { status: "done", snapshot };
}

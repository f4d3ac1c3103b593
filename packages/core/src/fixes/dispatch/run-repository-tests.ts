import { appendFixRunEvent } from "@suture/db";
import { runTestCommand } from "@suture/fixer";
import type { AgentSettings } from "./agent-settings.ts";
import { getDb } from "../../database.ts";
import { createRunLog, relativeToCheckout } from "./run-log.ts";
import { observeTests } from "../../observability/metrics.ts";

const TAIL_CHARS = 3000;

export type TestsResult = { status: "passed" } | { status: "failed"; reason: string };

/**
 * The repository's own test command, in the checkout, sandboxed like the agent (in bubblewrap,
 * without network); null if none is set.
 */
export async function runRepositoryTests(
  fixRunId: string,
  command: string | null,
  cwd: string,
  agent: Pick<AgentSettings, "testTimeoutMs" | "runAs" | "sandbox">,
): Promise<TestsResult | null> {
  if (!command) return null;
  const log = createRunLog(fixRunId, "test_output");
  const { testTimeoutMs: timeoutMs, runAs, sandbox } = agent;
  const result = await runTestCommand({
    command,
    cwd,
    timeoutMs,
    runAs,
    sandbox: sandbox?.kind,
    hide: sandbox?.hide,
    onOutput: (chunk) => log.write(chunk),
  });
  await log.close();
  const ok = !result.timedOut && result.exitCode === 0;
  observeTests(result.timedOut ? "timed_out" : ok ? "passed" : "failed", result.durationMs / 1000);
  const seconds = Math.round(result.durationMs / 100) / 10;
  const message = result.timedOut
    ? `\`${command}\` was stopped after ${seconds}s (timeout)`
    : `\`${command}\` ${ok ? "passed" : `failed with exit code ${result.exitCode ?? result.signal}`} in ${seconds}s`;
  await appendFixRunEvent(await getDb(), {
    fixRunId,
    event: {
      kind: "tests",
      message,
      data: {
        command,
        ok,
        error: result.error ?? null,
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        durationMs: Math.round(result.durationMs),
        outputTail: relativeToCheckout(result.output, cwd).slice(-TAIL_CHARS),
      },
    },
  });
  if (ok) return { status: "passed" };
  if (result.error) return { status: "failed", reason: `the repository's tests could not start: ${result.error}` };
  return {
    status: "failed",
    reason: result.timedOut
      ? `the repository's tests did not finish within ${Math.round(timeoutMs / 1000)}s`
      : `the repository's tests failed: ${message}`,
  };
}

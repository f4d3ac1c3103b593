import {
  copyCheckout,
  type FileChange,
  isTestPath,
  removeCheckout,
  restoreBaseFiles,
  runTestCommand,
  type TestRunResult,
} from "@suture/fixer";
import type { Checkout, FixJob } from "./fix-job.ts";
import { createRunLog, relativeToCheckout } from "./run-log.ts";

const TAIL_CHARS = 3000;
const LOG_SLICE = 16 * 1024;

export type Proof =
  | { status: "reproduced" }
  | { status: "not_reproduced"; reason: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string };

/** The red run, before it is recorded: its result, or why there is none. */
export type RedRun =
  | { status: "ran"; command: string; result: TestRunResult; dir: string; tests: string[]; fix: string[] }
  | Extract<Proof, { status: "skipped" | "failed" }>;

/**
 * Red, then green: the repository's tests, with the agent's added or changed tests but without
 * its fix (every other changed file back as the base has it), must fail — else the test does not
 * reproduce the bug. Skipped without a test command, a changed test or a changed non-test file.
 *
 * `apart`: in a copy of the checkout, so it can run beside the green run (`signal` stops it);
 * else in the checkout itself, whose fix is already frozen in the snapshot tree, after the green
 * run. Either way in the same sandbox as the agent. Nothing is recorded here (see `recordProof`),
 * so the timeline keeps green before red whichever finishes first.
 */
export async function runWithoutFix(
  job: FixJob,
  checkout: Checkout,
  changes: readonly FileChange[],
  { apart = false, signal }: { apart?: boolean; signal?: AbortSignal } = {},
): Promise<RedRun> {
  const command = job.repository.testCommand;
  const tests = changes.filter((c) => isTestPath(c.path)).map((c) => c.path);
  const fix = changes.filter((c) => !isTestPath(c.path)).map((c) => c.path);
  if (!command) return { status: "skipped", reason: "no test command is configured" };
  if (tests.length === 0) return { status: "skipped", reason: "no test was added or changed" };
  if (fix.length === 0) return { status: "skipped", reason: "only tests were changed" };
  const copy = apart ? await copyCheckout(checkout.dir) : { dir: checkout.dir };
  if ("error" in copy) return { status: "failed", reason: copy.error };
  try {
    const restored = await restoreBaseFiles(copy.dir, checkout.sha, fix);
    if (restored) return { status: "failed", reason: restored };
    const result = await runTestCommand({
      command,
      cwd: copy.dir,
      timeoutMs: job.agent.testTimeoutMs,
      runAs: job.agent.runAs,
      sandbox: job.agent.sandbox?.kind,
      hide: job.agent.sandbox?.hide,
      signal,
    });
    return { status: "ran", command, result, dir: copy.dir, tests, fix };
  } finally {
    if (apart) await removeCheckout(copy.dir);
  }
}

/** The red run on the timeline — its output, then a `red_green` step — and what it proves. */
export async function recordProof(job: FixJob, red: RedRun): Promise<Proof> {
  if (red.status !== "ran") return red;
  const { command, result, dir, tests, fix } = red;
  const log = createRunLog(job.fixRunId, "test_output");
  log.write(
    `\n--- the agent's tests without its fix (${fix.length} file${fix.length === 1 ? "" : "s"} as on the base) ---\n`,
  );
  const output = relativeToCheckout(result.output, dir);
  for (let at = 0; at < output.length; at += LOG_SLICE) log.write(output.slice(at, at + LOG_SLICE));
  await log.close();
  if (result.error) return { status: "failed", reason: `the tests could not start without the fix: ${result.error}` };
  const reproduced = !result.timedOut && result.exitCode !== 0;
  const outcome = result.timedOut
    ? "timed out"
    : reproduced
      ? `failed (exit ${result.exitCode ?? result.signal})`
      : "passed";
  await job.note({
    kind: "red_green",
    message: `Without the fix, \`${command}\` ${outcome}: the test ${reproduced ? "reproduces" : "does not reproduce"} the bug`,
    data: {
      command,
      testFiles: tests,
      reproduced,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      outputTail: output.slice(-TAIL_CHARS),
    },
  });
  if (reproduced) return { status: "reproduced" };
  const why = result.timedOut ? "timed out without the fix" : "passes without the fix";
  return { status: "not_reproduced", reason: `the test does not reproduce the bug: \`${command}\` ${why}` };
}

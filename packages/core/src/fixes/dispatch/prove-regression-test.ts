import { type FileChange, isTestPath, restoreBaseFiles, runTestCommand } from "@suture/fixer";
import type { Checkout, FixJob } from "./fix-job.ts";
import { createRunLog } from "./run-log.ts";

const TAIL_CHARS = 3000;

export type Proof =
  | { status: "reproduced" }
  | { status: "not_reproduced"; reason: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string };

/**
 * Red, then green: the repository's tests, with the agent's added or changed tests but without
 * its fix (every other changed file back as the base has it), must fail — else the test does not
 * reproduce the bug. Runs after the tests passed on the fix, in the same sandbox, in the checkout
 * whose fix is already frozen in the snapshot tree. Skipped without a test command, a changed
 * test or a changed non-test file.
 */
export async function proveRegressionTest(
  job: FixJob,
  checkout: Checkout,
  changes: readonly FileChange[],
): Promise<Proof> {
  const command = job.repository.testCommand;
  const tests = changes.filter((c) => isTestPath(c.path)).map((c) => c.path);
  const fix = changes.filter((c) => !isTestPath(c.path)).map((c) => c.path);
  if (!command) return { status: "skipped", reason: "no test command is configured" };
  if (tests.length === 0) return { status: "skipped", reason: "no test was added or changed" };
  if (fix.length === 0) return { status: "skipped", reason: "only tests were changed" };
  const restored = await restoreBaseFiles(checkout.dir, checkout.sha, fix);
  if (restored) return { status: "failed", reason: restored };
  const log = createRunLog(job.fixRunId, "test_output");
  log.write(
    `\n--- the agent's tests without its fix (${fix.length} file${fix.length === 1 ? "" : "s"} as on the base) ---\n`,
  );
  const result = await runTestCommand({
    command,
    cwd: checkout.dir,
    timeoutMs: job.agent.testTimeoutMs,
    runAs: job.agent.runAs,
    sandbox: job.agent.sandbox?.kind,
    hide: job.agent.sandbox?.hide,
    onOutput: (chunk) => log.write(chunk),
  });
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
      // Paths relative to the repository: the checkout's temporary folder means nothing to a reviewer.
      outputTail: result.output
        .replaceAll(`file://${checkout.dir}/`, "")
        .replaceAll(`${checkout.dir}/`, "")
        .slice(-TAIL_CHARS),
    },
  });
  if (reproduced) return { status: "reproduced" };
  const why = result.timedOut ? "timed out without the fix" : "passes without the fix";
  return { status: "not_reproduced", reason: `the test does not reproduce the bug: \`${command}\` ${why}` };
}

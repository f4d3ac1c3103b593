import type { SandboxUser } from "./resolve-sandbox-user.ts";
import { runSandboxed, type SandboxedRunResult, type SandboxKind } from "./run-sandboxed.ts";

export interface TestCommandOptions {
  /** A shell command line from the repository's settings, e.g. `pnpm test`. */
  command: string;
  /** The checkout to run it in. */
  cwd: string;
  timeoutMs: number;
  maxOutputBytes?: number;
  /** The parent environment; the command sees none of its secrets either way. */
  parentEnv?: NodeJS.ProcessEnv;
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
  /** Runs the tests as this OS user, like the agent; `cwd` is handed to it first. */
  runAs?: SandboxUser;
  /** `bwrap` adds bubblewrap's namespaces (see `runSandboxed`), and then the tests have no network. */
  sandbox?: SandboxKind;
  /** With `bwrap`: folders they must not see even inside a mounted one (the data folder). */
  hide?: readonly string[];
  /** Aborting kills the tests at once. */
  signal?: AbortSignal;
}

export type TestRunResult = SandboxedRunResult;

/**
 * Runs the repository's test command in the checkout. The tests are the repository's code, and
 * the agent may have just rewritten them, so they get exactly the agent's sandbox: no secrets,
 * a private home, and the whole process group killed at the timeout — and, in bubblewrap, no network:
 * a test suite has no business reaching out, and a rewritten one could.
 */
export async function runTestCommand(options: TestCommandOptions): Promise<TestRunResult> {
  return runSandboxed({
    role: "test command",
    command: "sh",
    args: ["-c", options.command],
    cwd: options.cwd,
    input: "",
    parentEnv: options.parentEnv,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: options.maxOutputBytes,
    onOutput: options.onOutput,
    runAs: options.runAs,
    sandbox: options.sandbox,
    network: false,
    hide: options.hide,
    signal: options.signal,
  });
}

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SandboxUser } from "./resolve-sandbox-user.ts";
import { runSandboxed, type SandboxedRunResult, type SandboxKind } from "./run-sandboxed.ts";

export interface AgentRunOptions {
  command: string;
  args?: readonly string[];
  /** The isolated checkout the agent works in. */
  cwd: string;
  prompt: string;
  /** Names of parent variables the agent may see (its own API key); everything else is dropped. */
  allowEnv?: readonly string[];
  /** Fixed variables for the agent (a preset's own settings); never secrets of the parent's. */
  env?: Record<string, string>;
  /** The parent environment to pick from; defaults to this process's. */
  parentEnv?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Output kept and forwarded to `onOutput` stops here; the stream is still drained and `truncated` set. */
  maxOutputBytes?: number;
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
  /** Runs the agent as this OS user (see `resolveSandboxUser`); `cwd` is handed to it first. */
  runAs?: SandboxUser;
  /** `bwrap` adds bubblewrap's namespaces (see `runSandboxed`); the agent keeps the network for its model's API. */
  sandbox?: SandboxKind;
  /** With `bwrap`: folders it must not see even inside a mounted one (the data folder). */
  hide?: readonly string[];
}

export type AgentRunResult = SandboxedRunResult;

const DEFAULT_TIMEOUT_MS = 20 * 60_000;

/**
 * Runs a coding agent sandboxed (see `runSandboxed`). The prompt goes in on stdin and in the
 * file named by SUTURE_PROMPT_FILE, for agents that take a file rather than a pipe.
 */
export async function runAgent(options: AgentRunOptions): Promise<AgentRunResult> {
  return runSandboxed({
    role: "agent",
    command: options.command,
    args: options.args,
    cwd: options.cwd,
    input: options.prompt,
    allowEnv: options.allowEnv,
    parentEnv: options.parentEnv,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxOutputBytes: options.maxOutputBytes,
    onOutput: options.onOutput,
    runAs: options.runAs,
    sandbox: options.sandbox,
    network: true,
    hide: options.hide,
    prepareHome: (home) => {
      const promptFile = join(home, "prompt.md");
      writeFileSync(promptFile, options.prompt);
      return { ...options.env, SUTURE_PROMPT_FILE: promptFile };
    },
  });
}

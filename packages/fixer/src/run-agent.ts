import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sandboxEnv } from "./sandbox-env.ts";

export interface AgentRunOptions {
  command: string;
  args?: readonly string[];
  /** The isolated checkout the agent works in. */
  cwd: string;
  prompt: string;
  /** Names of parent variables the agent may see (its own API key); everything else is dropped. */
  allowEnv?: readonly string[];
  /** The parent environment to pick from; defaults to this process's. */
  parentEnv?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Captured output stops growing here; the stream is still drained and `truncated` set. */
  maxOutputBytes?: number;
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
}

export interface AgentRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  output: string;
  truncated: boolean;
  durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 20 * 60_000;
const DEFAULT_MAX_OUTPUT = 1024 * 1024;
const KILL_GRACE_MS = 2000;

/**
 * Runs a coding agent in its own process group with a scrubbed environment. The prompt goes in
 * on stdin and in the file named by SUTURE_PROMPT_FILE. At the timeout the whole group — the
 * agent and anything it started — gets SIGTERM, then SIGKILL; leftovers are killed on exit too.
 */
export async function runAgent(options: AgentRunOptions): Promise<AgentRunResult> {
  const home = mkdtempSync(join(tmpdir(), "suture-agent-"));
  const promptFile = join(home, "prompt.md");
  writeFileSync(promptFile, options.prompt);
  // The one place the raw process environment is read: to filter it down for the agent.
  // eslint-disable-next-line no-restricted-properties
  const parent = options.parentEnv ?? process.env;
  const env = sandboxEnv(parent, home, options.allowEnv ?? [], { SUTURE_PROMPT_FILE: promptFile });
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const started = performance.now();

  const child = spawn(options.command, [...(options.args ?? [])], {
    cwd: options.cwd,
    env,
    detached: true, // its own process group, so one signal reaches every descendant
    stdio: ["pipe", "pipe", "pipe"],
  });

  let output = "";
  let size = 0;
  let truncated = false;
  const capture = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    options.onOutput?.(text, stream);
    if (size >= maxOutput) {
      truncated = true;
      return;
    }
    const room = maxOutput - size;
    const kept = chunk.byteLength > room ? chunk.subarray(0, room).toString("utf8") : text;
    truncated ||= chunk.byteLength > room;
    output += kept;
    size += Math.min(chunk.byteLength, room);
  };
  child.stdout.on("data", capture("stdout"));
  child.stderr.on("data", capture("stderr"));
  child.stdin.on("error", () => {}); // an agent that never reads its prompt closes the pipe early
  child.stdin.end(options.prompt);

  let timedOut = false;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is already gone
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS).unref();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, sig) => resolve([code, sig]));
  }).finally(() => {
    clearTimeout(timer);
    killGroup("SIGKILL"); // background processes the agent left behind
    rmSync(home, { recursive: true, force: true });
  });

  return { exitCode, signal, timedOut, output, truncated, durationMs: performance.now() - started };
}

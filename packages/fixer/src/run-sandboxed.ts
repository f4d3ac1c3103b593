import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parentEnv } from "./env.ts";
import { sandboxEnv } from "./sandbox-env.ts";

export interface SandboxedRunOptions {
  command: string;
  args?: readonly string[];
  cwd: string;
  /** Written to stdin, which is then closed. */
  input: string;
  /** Names of parent variables the process may see; everything else is dropped. */
  allowEnv?: readonly string[];
  /** The parent environment to pick from; defaults to this process's. */
  parentEnv?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Captured output stops growing here; the stream is still drained and `truncated` set. */
  maxOutputBytes?: number;
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
  /** Puts files into the private home before the start; returns variables naming them. */
  prepareHome?: (home: string) => Record<string, string>;
}

export interface SandboxedRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  output: string;
  truncated: boolean;
  durationMs: number;
}

const DEFAULT_MAX_OUTPUT = 1024 * 1024;
const KILL_GRACE_MS = 2000;

/**
 * Runs untrusted code (an agent, a repository's tests) in its own process group with a scrubbed
 * environment and a private home. At the timeout the whole group — the process and anything it
 * started — gets SIGTERM, then SIGKILL; leftovers are killed on exit too.
 */
export async function runSandboxed(options: SandboxedRunOptions): Promise<SandboxedRunResult> {
  const home = mkdtempSync(join(tmpdir(), "suture-sandbox-"));
  const extra = options.prepareHome?.(home) ?? {};
  const env = sandboxEnv(options.parentEnv ?? parentEnv(), home, options.allowEnv ?? [], extra);
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const started = performance.now();

  const child = spawn(options.command, [...(options.args ?? [])], {
    cwd: options.cwd,
    env: env as NodeJS.ProcessEnv, // Next's types require NODE_ENV; this environment has none on purpose
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
  child.stdin.on("error", () => {}); // a process that never reads its input closes the pipe early
  child.stdin.end(options.input);

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
  }, options.timeoutMs);

  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, sig) => resolve([code, sig]));
  }).finally(() => {
    clearTimeout(timer);
    killGroup("SIGKILL"); // background processes left behind
    rmSync(home, { recursive: true, force: true });
  });

  return { exitCode, signal, timedOut, output, truncated, durationMs: performance.now() - started };
}

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { bwrapAvailable } from "./bwrap-available.ts";
import { bwrapCommand } from "./bwrap-command.ts";
import { chownForSandbox } from "./chown-for-sandbox.ts";
import { parentEnv } from "./env.ts";
import { checkoutGate, closeGate, createGated, openGate } from "./gate.ts";
import { killSandboxProcesses } from "./kill-sandbox-processes.ts";
import { outputCap, type OutputStream } from "./output-cap.ts";
import type { SandboxUser } from "./resolve-sandbox-user.ts";
import { runGroup } from "./run-group.ts";
import { sandboxEnv } from "./sandbox-env.ts";
import { spawnErrorMessage } from "./spawn-error-message.ts";

export interface SandboxedRunOptions {
  /** What runs, for error messages: "agent", "test command". */
  role: string;
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
  /** Output kept and forwarded to `onOutput` stops here; the pipes are still drained and `truncated` set. */
  maxOutputBytes?: number;
  onOutput?: (chunk: string, stream: OutputStream) => void;
  /** Puts files into the private home before the start; returns variables naming them. */
  prepareHome?: (home: string) => Record<string, string>;
  /**
   * Another OS user to run as (its uid; the group is one of the run's own); needs root. `cwd` must
   * be a checkout made by `cloneRepository`: it and the home are handed to that user first.
   */
  runAs?: SandboxUser;
  /**
   * `bwrap`: inside bubblewrap's namespaces as well (see `bwrapCommand`); check `bwrapAvailable`
   * first. `uid` (the default): a process group, a scrubbed environment and `runAs` only.
   */
  sandbox?: SandboxKind;
  /** With `bwrap`: whether the process may use the host's network. */
  network?: boolean;
  /** With `bwrap`: folders kept out of sight even inside a mounted system folder (the data folder). */
  hide?: readonly string[];
  /** Aborting kills the whole group at once, like the timeout but without its grace. */
  signal?: AbortSignal;
}

/** How runs are confined: bubblewrap's namespaces, or only another OS user and a process group. */
export type SandboxKind = "bwrap" | "uid";

export interface SandboxedRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  output: string;
  truncated: boolean;
  durationMs: number;
  /** Set when the process could not be started at all; `output` says the same. */
  error?: string;
  /** Processes of the sandbox user still found after the run's kill, each sent SIGKILL again; `output` says the same. */
  survivors?: number[];
}

const DEFAULT_MAX_OUTPUT = 1024 * 1024;
const KILL_GRACE_MS = 2000;
// A process that escaped the group (setsid) can hold the pipes open; its output is not waited for.
const PIPE_DRAIN_MS = 500;

/**
 * Runs untrusted code (an agent, a repository's tests) in its own process group with a scrubbed
 * environment and a private home, optionally as another OS user. At the timeout the whole group
 * — the process and anything it started — gets SIGTERM, then SIGKILL. When the process exits,
 * whatever it left running in its group is killed at once, so a background child holding
 * stdout cannot make a finished run look hung.
 *
 * With `runAs`, the run gets a group id of its own (`runGroup`), the checkout's and the home's
 * gates are open to that group only while it runs, and afterwards every process of the sandbox
 * user outside other runs in progress is killed, including any that left the process group.
 *
 * With `sandbox: "bwrap"`, it runs inside bubblewrap too: its own mount, PID and user namespaces,
 * the system read-only, only the checkout writable, a private /tmp and home, no network unless
 * `network`; killing bwrap ends everything inside, so nothing escapes the timeout.
 */
export async function runSandboxed(options: SandboxedRunOptions): Promise<SandboxedRunResult> {
  const started = performance.now();
  const { gate: homeGate, dir: home } = createGated("suture-sandbox-", "home");
  const runAs = options.runAs ? { uid: options.runAs.uid, gid: runGroup() } : undefined;
  const gates = [homeGate];
  let result: SandboxedRunResult;
  let survivors: number[] = [];
  try {
    result = await start(options, home, runAs, gates, started);
  } finally {
    try {
      if (runAs) gates.forEach(closeGate); // first, so nothing still running can get in again
    } finally {
      if (runAs) survivors = await killSandboxProcesses(runAs.uid, runAs.gid);
      rmSync(homeGate, { recursive: true, force: true });
    }
  }
  if (survivors.length === 0 || !runAs) return result;
  const note = `\n[${survivors.length} process(es) of uid ${runAs.uid} were still there after the run and were sent SIGKILL again: ${survivors.join(", ")}]\n`;
  options.onOutput?.(note, "stderr");
  return { ...result, output: result.output + note, survivors };
}

async function start(
  options: SandboxedRunOptions,
  home: string,
  runAs: SandboxUser | undefined,
  gates: string[],
  started: number,
): Promise<SandboxedRunResult> {
  const notStarted = (error: string): SandboxedRunResult => ({
    exitCode: null,
    signal: null,
    timedOut: false,
    output: error,
    truncated: false,
    durationMs: performance.now() - started,
    error,
  });
  if (!existsSync(options.cwd)) return notStarted(`the ${options.role}'s working folder ${options.cwd} does not exist`);
  if (runAs) {
    const gate = checkoutGate(options.cwd);
    if (!gate)
      return notStarted(
        `the ${options.role}'s working folder ${options.cwd} is not a checkout made by cloneRepository; only those can be handed to another user`,
      );
    gates.push(gate);
  }
  const extra = options.prepareHome?.(home) ?? {};
  if (runAs) {
    const handOver = await chownForSandbox([home, options.cwd], runAs);
    if (handOver) return notStarted(handOver);
    for (const gate of gates) openGate(gate, runAs.gid);
  }
  const env = sandboxEnv(options.parentEnv ?? parentEnv(), home, options.allowEnv ?? [], extra);
  const launch = commandLine(options, home, env.PATH ?? "", runAs);
  if ("code" in launch) return notStarted(spawnErrorMessage(options, launch));
  if ("error" in launch) return notStarted(launch.error);
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(launch.command, launch.args, {
      cwd: options.cwd,
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- Next's types require NODE_ENV; this environment has none on purpose
      env: env as NodeJS.ProcessEnv,
      detached: true, // its own process group, so one signal reaches every descendant
      stdio: ["pipe", "pipe", "pipe"],
      ...(runAs && !launch.switchesUser ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
  } catch (error) {
    return notStarted(spawnErrorMessage(options, error));
  }
  return await supervise(child, options, started, notStarted);
}

/** What to spawn; `switchesUser` when it becomes the sandbox user itself (bwrap as root, then setpriv). */
function commandLine(
  options: SandboxedRunOptions,
  home: string,
  path: string,
  runAs: SandboxUser | undefined,
): { command: string; args: string[]; switchesUser?: boolean } | { code: string } | { error: string } {
  const args = [...(options.args ?? [])];
  if (options.sandbox !== "bwrap") return { command: options.command, args };
  const check = bwrapAvailable(options.runAs);
  if (!check.usable) return { error: `the ${options.role} cannot run in bubblewrap: ${check.reason}` };
  const switchUser = check.via === "setpriv" ? runAs : undefined;
  const { cwd, network = false, hide } = options;
  const wrapped = bwrapCommand({ command: options.command, args, cwd, home, path, network, hide, switchUser });
  return "code" in wrapped ? wrapped : { ...wrapped, switchesUser: switchUser !== undefined };
}

async function supervise(
  child: ChildProcessWithoutNullStreams,
  options: SandboxedRunOptions,
  started: number,
  notStarted: (error: string) => SandboxedRunResult,
): Promise<SandboxedRunResult> {
  const cap = outputCap(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT, options.onOutput);
  child.stdout.on("data", cap.capture("stdout"));
  child.stderr.on("data", cap.capture("stderr"));
  child.stdin.on("error", () => {}); // a process that never reads its input closes the pipe early
  child.stdin.end(options.input);
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));

  let timedOut = false;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  let grace: NodeJS.Timeout | undefined;
  const abort = () => killGroup("SIGKILL");
  options.signal?.addEventListener("abort", abort, { once: true });
  if (options.signal?.aborted) abort();
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    grace = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
  }, options.timeoutMs);

  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: unknown }>(
    (resolve) => {
      child.once("error", (error) => resolve({ error }));
      child.once("exit", (code, signal) => resolve({ code, signal }));
    },
  );
  clearTimeout(timer);
  clearTimeout(grace);
  options.signal?.removeEventListener("abort", abort);
  killGroup("SIGKILL"); // whatever it left running
  let drainTimer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((resolve) => (drainTimer = setTimeout(resolve, PIPE_DRAIN_MS)))]);
  clearTimeout(drainTimer);
  child.stdout.destroy();
  child.stderr.destroy();

  if ("error" in ended) return notStarted(spawnErrorMessage(options, ended.error));
  const { code, signal } = ended;
  return {
    exitCode: code,
    signal,
    timedOut,
    output: cap.output(),
    truncated: cap.truncated(),
    durationMs: performance.now() - started,
  };
}

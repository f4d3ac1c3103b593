import { type ChildProcess, spawn } from "node:child_process";
import { setPriority } from "node:os";
import { createInterface } from "node:readline";
import { log } from "@suture/core/observability";

export interface ChildSpec {
  name: "web" | "worker";
  command: string;
  args: string[];
  cwd: string;
  /** Started again with backoff when it exits on its own; otherwise its exit stops everything. */
  restart: boolean;
  /** Prefix each output line with the child's name (on a terminal; JSON lines already carry it). */
  prefix: boolean;
  /** Scheduling priority (nice): the worker yields the CPU to the web server, whose answers cannot wait. */
  priority?: number;
}

export interface Supervised {
  /** Resolves when the child exits for good: stopped, or dead and not restarted. */
  done: Promise<number>;
  stop: () => Promise<void>;
}

/** A restart waits 250 ms, doubling to 10 s; a child that ran this long starts from 250 ms again. */
const HEALTHY_AFTER_MS = 30_000;

/** Runs a child process, restarting it with backoff if it dies (when it may), until stopped. */
export function supervise(spec: ChildSpec): Supervised {
  let child: ChildProcess | null = null;
  let stopping = false;
  let failures = 0;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));

  const start = () => {
    const startedAt = Date.now();
    const process_ = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      // The supervisor's environment as it is now (with the database socket), naming the child.
      env: { ...childEnv(), SUTURE_PROCESS: spec.name },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = process_;
    if (spec.priority && process_.pid) setPriority(process_.pid, spec.priority);
    forward(process_, spec);
    process_.once("exit", (code, signal) => {
      child = null;
      if (stopping || !spec.restart) return finish(code ?? (signal ? 1 : 0));
      failures = Date.now() - startedAt > HEALTHY_AFTER_MS ? 1 : failures + 1;
      const delay = Math.min(250 * 2 ** (failures - 1), 10_000);
      log.warn(`${spec.name} exited (${signal ?? `code ${code}`}); restarting in ${delay} ms`);
      setTimeout(() => stopping || start(), delay);
    });
  };
  start();

  return {
    done,
    stop: async () => {
      stopping = true;
      const running = child;
      if (!running) return finish(0);
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      const timer = setTimeout(() => running.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function forward(child: ChildProcess, spec: ChildSpec): void {
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      target.write(spec.prefix ? `[${spec.name}] ${line}\n` : `${line}\n`);
    });
  }
}

function childEnv(): NodeJS.ProcessEnv {
  // eslint-disable-next-line no-restricted-properties -- handed whole to the child, not read
  return process.env;
}

import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { createRequire } from "node:module";
import { join } from "node:path";

export interface BenchServer {
  output: () => string;
  /** Resident memory of each process of the server, in MiB, by role (web, worker, supervisor). */
  rss: () => Promise<Record<string, number>>;
  stop: () => Promise<void>;
}

/** Runs `next start` alone (functions in the web server) for a benchmark. */
export function startNext(appDir: string, port: number, env: Record<string, string>): Promise<BenchServer> {
  const nextBin = createRequire(join(appDir, "package.json")).resolve("next/dist/bin/next");
  return startServer([nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], appDir, port, env);
}

/** Runs `pnpm start`'s supervisor (web server, worker, embedded executor and database) for a benchmark. */
export function startSupervised(root: string, port: number, env: Record<string, string>): Promise<BenchServer> {
  return startServer(["--import", "tsx", join(root, "apps/worker/src/start.ts")], join(root, "apps/worker"), port, env);
}

/** Starts the server in its own process group and waits until /api/health answers 200. */
async function startServer(
  args: string[],
  cwd: string,
  port: number,
  env: Record<string, string>,
): Promise<BenchServer> {
  let output = "";
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const group = child.pid ?? 0;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`the server did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    output: () => output,
    rss: () => rssByRole(group),
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-group, "SIGTERM");
      await exited;
    },
  };
}

/** Asynchronous: a load generator in the same process must not stall while `ps` runs. */
async function rssByRole(group: number): Promise<Record<string, number>> {
  const { stdout } = await promisify(execFile)("ps", ["-eo", "pgid=,rss=,args="], { encoding: "utf8" });
  const lines = stdout.split("\n");
  const rss: Record<string, number> = {};
  for (const line of lines) {
    const [pgid, kib, ...args] = line.trim().split(/\s+/);
    if (Number(pgid) !== group) continue;
    const command = args.join(" ");
    const role = /worker\/src\/main\.ts/.test(command)
      ? "worker"
      : /worker\/src\/start\.ts/.test(command)
        ? "supervisor"
        : /next-server|next\/dist\/bin\/next/.test(command)
          ? "web"
          : null;
    if (role) rss[role] = (rss[role] ?? 0) + Number(kib) / 1024;
  }
  return rss;
}

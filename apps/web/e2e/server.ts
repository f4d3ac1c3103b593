import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface Server {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/** Starts `next start` in its own process group, so a kill takes everything it spawned. */
export async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  let output = "";
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: new URL("..", import.meta.url).pathname,
    env: { ...process.env, PORT: String(port), DATABASE_URL: "", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, process: child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${output}`);
}

export async function stopServer(server: Server, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  process.kill(-server.process.pid!, signal);
  await exited;
}

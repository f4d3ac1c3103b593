import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTestCommand } from "../src/index.ts";
import { alive } from "./alive.ts";

const checkout = () => mkdtempSync(join(tmpdir(), "suture-checkout-"));

describe("runTestCommand", () => {
  it("runs a shell command line in the checkout and reports success", async () => {
    const cwd = checkout();
    const result = await runTestCommand({ command: "pwd && echo ok | tr a-z A-Z", cwd, timeoutMs: 10_000 });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, output: `${cwd}\nOK\n` });
  });

  it("reports a failing command's exit code and its output", async () => {
    const result = await runTestCommand({
      command: "echo '1 test failed' >&2; exit 1",
      cwd: checkout(),
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ exitCode: 1, timedOut: false, output: "1 test failed\n" });
  });

  it("gives the repository's tests none of our secrets", async () => {
    const parentEnv = {
      ...process.env,
      GITHUB_TOKEN: "ghp_fake",
      SUTURE_DATABASE_URL: "postgres://x",
      ANTHROPIC_API_KEY: "sk-ant",
    };
    const result = await runTestCommand({
      command: "env | cut -d= -f1 | sort",
      cwd: checkout(),
      timeoutMs: 10_000,
      parentEnv,
    });
    expect(result.exitCode).toBe(0);
    const names = result.output.trim().split("\n");
    expect(names).not.toContain("GITHUB_TOKEN");
    expect(names).not.toContain("SUTURE_DATABASE_URL");
    expect(names).not.toContain("ANTHROPIC_API_KEY"); // the agent's key is not the tests' business
    expect(names).toContain("PATH");
    expect(result.output).not.toContain("ghp_fake");
  });

  it("kills the command and everything it started at the timeout", async () => {
    const cwd = checkout();
    const streamed: string[] = [];
    const command = "sleep 300 & echo $! > child.pid; echo $$ > main.pid; echo running; sleep 300";
    const result = await runTestCommand({ command, cwd, timeoutMs: 500, onOutput: (chunk) => streamed.push(chunk) });
    expect(result).toMatchObject({ timedOut: true, signal: "SIGTERM" });
    expect(result.durationMs).toBeLessThan(5000);
    expect(streamed.join("")).toBe("running\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(Number(readFileSync(join(cwd, "main.pid"), "utf8")))).toBe(false);
    expect(alive(Number(readFileSync(join(cwd, "child.pid"), "utf8")))).toBe(false);
  });

  it("is killed at once, with everything it started, when its signal aborts", async () => {
    const cwd = checkout();
    const stop = new AbortController();
    const command = "sleep 300 & echo $! > child.pid; echo running; sleep 300";
    const running = runTestCommand({
      command,
      cwd,
      timeoutMs: 60_000,
      signal: stop.signal,
      onOutput: () => stop.abort(),
    });
    const result = await running;
    expect(result).toMatchObject({ timedOut: false, signal: "SIGKILL" });
    expect(result.durationMs).toBeLessThan(5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(Number(readFileSync(join(cwd, "child.pid"), "utf8")))).toBe(false);
  });

  it("does not start what is already aborted", async () => {
    const result = await runTestCommand({
      command: "sleep 300",
      cwd: checkout(),
      timeoutMs: 60_000,
      signal: AbortSignal.abort(),
    });
    expect(result).toMatchObject({ timedOut: false, signal: "SIGKILL" });
    expect(result.durationMs).toBeLessThan(5000);
  });
});

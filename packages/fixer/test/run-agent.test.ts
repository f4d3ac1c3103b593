import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentPreset, runAgent } from "../src/index.ts";
import { scriptedAgents } from "../test-support/index.ts";
import { alive } from "./alive.ts";

const agent = (name: string) => new URL(`./agents/${name}`, import.meta.url).pathname;
const checkout = () => mkdtempSync(join(tmpdir(), "suture-checkout-"));

describe("runAgent", () => {
  it("hands the agent no secret: only PATH, its own home, a locale and its API key", async () => {
    const cwd = checkout();
    const parentEnv = {
      ...process.env,
      GITHUB_TOKEN: "ghp_secret",
      SENTRY_AUTH_TOKEN: "sntrys_secret",
      DATABASE_URL: "postgres://u:p@db/suture",
      SUTURE_ANYTHING: "x",
      INNGEST_SIGNING_KEY: "signkey-prod-1",
      ANTHROPIC_API_KEY: "sk-ant-test",
    };
    const result = await runAgent({
      command: agent("inspect-env.mjs"),
      cwd,
      prompt: "Fix CHECKOUT-API-3F",
      parentEnv,
      allowEnv: agentPreset("claude-code").allowEnv,
      timeoutMs: 20_000,
    });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, output: "environment is clean\n" });
    const report = JSON.parse(readFileSync(join(cwd, "agent-report.json"), "utf8"));
    expect(report.forbidden).toEqual([]);
    expect(report.names).toEqual([
      "ANTHROPIC_API_KEY",
      "CI",
      "GIT_TERMINAL_PROMPT",
      "HOME",
      "LANG",
      "LC_ALL",
      "PATH",
      "SUTURE_PROMPT_FILE",
      "TERM",
      "TMPDIR",
    ]);
    expect(report.home).not.toBe(process.env.HOME);
    expect(existsSync(report.home)).toBe(false); // the agent's home is removed afterwards
    expect(report.cwd).toBe(cwd);
    expect(report.stdin).toBe("Fix CHECKOUT-API-3F");
    expect(report.promptFile).toBe("Fix CHECKOUT-API-3F");
    expect(report.apiKey).toBe("sk-ant-test");
  });

  it("reports a failing agent's exit code", async () => {
    const result = await runAgent({
      command: agent("inspect-env.mjs"),
      cwd: checkout(),
      prompt: "p",
      parentEnv: { ...process.env, GITHUB_TOKEN: "leak" },
      allowEnv: ["GITHUB_TOKEN"], // a misconfiguration the agent itself catches
    });
    expect(result).toMatchObject({ exitCode: 3, output: "found secrets: GITHUB_TOKEN\n" });
  });

  it("kills a hanging agent and the children it started at the timeout", async () => {
    const cwd = checkout();
    const chunks: string[] = [];
    const result = await runAgent({
      command: scriptedAgents.hang,
      cwd,
      prompt: "p",
      timeoutMs: 700,
      onOutput: (c) => chunks.push(c),
    });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe("SIGTERM");
    expect(result.durationMs).toBeLessThan(5000);
    expect(chunks.join("")).toContain("working...");
    const agentPid = Number(readFileSync(join(cwd, "agent.pid"), "utf8"));
    const childPid = Number(readFileSync(join(cwd, "child.pid"), "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(agentPid)).toBe(false);
    expect(alive(childPid)).toBe(false);
  });

  it("caps the output it keeps and forwards alike, and says where it cut", async () => {
    const streamed: string[] = [];
    const result = await runAgent({
      command: agent("flood.mjs"),
      cwd: checkout(),
      prompt: "p",
      maxOutputBytes: 10_000,
      onOutput: (chunk) => streamed.push(chunk),
    });
    expect(result).toMatchObject({ exitCode: 0, truncated: true });
    expect(result.output).toBe(("x".repeat(1023) + "\n").repeat(10).slice(0, 10_000));
    expect(streamed.join("")).toBe(`${result.output}\n[output truncated after 10000 bytes]\n`);
  });

  it("is done when the agent exits, even with a background child holding its stdout", async () => {
    const cwd = checkout();
    const result = await runAgent({ command: agent("background.sh"), cwd, prompt: "p", timeoutMs: 20_000 });
    expect(result).toMatchObject({ exitCode: 0, signal: null, timedOut: false, output: "done\n" });
    expect(result.durationMs).toBeLessThan(3000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(Number(readFileSync(join(cwd, "child.pid"), "utf8")))).toBe(false);
  });

  it.each([
    { command: "suture-no-such-agent", error: 'agent executable "suture-no-such-agent" not found on PATH' },
    {
      command: new URL("./alive.ts", import.meta.url).pathname,
      error: expect.stringMatching(/^agent executable ".*alive.ts" may not be run \(permission denied\)$/),
    },
  ])("reports an agent that cannot be started as a result: $command", async ({ command, error }) => {
    const result = await runAgent({ command, cwd: checkout(), prompt: "p", timeoutMs: 20_000 });
    expect(result).toEqual({
      exitCode: null,
      signal: null,
      timedOut: false,
      truncated: false,
      output: error,
      error,
      durationMs: expect.any(Number),
    });
  });
});

describe("agentPreset", () => {
  it("starts Claude Code in print mode with an allow-list of tools, and only its key", () => {
    const preset = agentPreset("claude-code");
    expect(preset.command).toBe("claude");
    expect(preset.args.slice(0, 3)).toEqual(["-p", "--output-format", "text"]);
    expect(preset.args[preset.args.indexOf("--allowedTools") + 1]).toContain("Edit");
    expect(preset.allowEnv).toEqual(["ANTHROPIC_API_KEY"]);
  });

  it("runs codex exec with the prompt on stdin, and refuses a command preset without a command", () => {
    expect(agentPreset("codex")).toMatchObject({
      command: "codex",
      args: ["exec", "--full-auto", "-"],
      allowEnv: ["OPENAI_API_KEY"],
    });
    expect(() => agentPreset("command")).toThrow(/needs an executable/);
    expect(agentPreset("command", "./fix.sh", ["--fast"])).toEqual({
      command: "./fix.sh",
      args: ["--fast"],
      allowEnv: [],
    });
  });
});

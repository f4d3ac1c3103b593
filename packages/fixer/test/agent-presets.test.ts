// Each preset as a real process: a stand-in named like the agent's CLI, first on PATH, records
// the arguments, the environment and the stdin it was started with.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentPreset, bwrapAvailable, runAgent, type AgentPresetName } from "../src/index.ts";

const STANDIN = `#!/usr/bin/env node
const fs = require("node:fs");
const path = require("node:path");
fs.writeFileSync("standin.json", JSON.stringify({
  name: path.basename(process.argv[1]),
  argv: process.argv.slice(2),
  env: process.env,
  stdin: fs.readFileSync(0, "utf8"),
  cwd: process.cwd(),
}));
`;

function standins(): string {
  const dir = mkdtempSync(join(tmpdir(), "suture-standins-"));
  for (const name of ["claude", "codex", "opencode"]) {
    writeFileSync(join(dir, name), STANDIN);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

const OPENCODE_CONFIG_CONTENT = JSON.stringify({
  provider: { ollama: { npm: "@ai-sdk/openai-compatible", options: { baseURL: "http://127.0.0.1:11434/v1" } } },
});

const parentEnv = (bin: string) => ({
  ...process.env,
  PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
  ANTHROPIC_API_KEY: "sk-ant-test",
  OPENAI_API_KEY: "sk-openai-test",
  OPENROUTER_API_KEY: "sk-or-test",
  OPENCODE_CONFIG_CONTENT,
  GITHUB_TOKEN: "ghs_server_token",
  DATABASE_URL: "postgres://u:p@db/suture",
});

interface Recorded {
  name: string;
  argv: string[];
  env: Record<string, string>;
  stdin: string;
  cwd: string;
}

async function run(name: AgentPresetName, options: { model?: string; allowEnv?: string[]; bwrap?: boolean } = {}) {
  const bin = standins();
  const cwd = mkdtempSync(join(tmpdir(), "suture-checkout-"));
  const preset = agentPreset(name, undefined, [], { model: options.model, allowEnv: options.allowEnv });
  const result = await runAgent({
    ...preset,
    cwd,
    prompt: "Fix CHECKOUT-API-3F",
    parentEnv: parentEnv(bin),
    timeoutMs: 10_000,
    sandbox: options.bwrap ? "bwrap" : undefined,
  });
  expect(result).toMatchObject({ exitCode: 0, timedOut: false });
  const recorded = JSON.parse(readFileSync(join(cwd, "standin.json"), "utf8")) as Recorded;
  expect(recorded.stdin).toBe("Fix CHECKOUT-API-3F");
  expect(recorded.cwd).toBe(cwd);
  expect(recorded.env).not.toHaveProperty("GITHUB_TOKEN");
  expect(recorded.env).not.toHaveProperty("DATABASE_URL");
  return recorded;
}

const secrets = (env: Record<string, string>) => Object.keys(env).filter((name) => /KEY|CONFIG/.test(name));

describe("agent presets, run through runAgent", () => {
  it("claude-code: print mode, its tool allow-list, the model, and only Anthropic's key", async () => {
    const got = await run("claude-code", { model: "claude-sonnet-4-5" });
    expect(got.name).toBe("claude");
    expect(got.argv.slice(0, 4)).toEqual(["-p", "--output-format", "text", "--allowedTools"]);
    expect(got.argv[4]).toContain("Edit");
    expect(got.argv.slice(5)).toEqual(["--model", "claude-sonnet-4-5"]);
    expect(secrets(got.env)).toEqual(["ANTHROPIC_API_KEY"]);
    expect(got.env.ANTHROPIC_API_KEY).toBe("sk-ant-test");
  });

  it("codex: exec with the prompt on stdin, and only OpenAI's key", async () => {
    const got = await run("codex");
    expect(got.name).toBe("codex");
    expect(got.argv).toEqual(["exec", "--full-auto", "-"]);
    expect(secrets(got.env)).toEqual(["OPENAI_API_KEY"]);
  });

  it("opencode: run with provider/model, its configuration, the keys named for it, and no autoupdate", async () => {
    const got = await run("opencode", { model: "ollama/qwen2.5-coder:32b", allowEnv: ["OPENROUTER_API_KEY"] });
    expect(got.name).toBe("opencode");
    expect(got.argv).toEqual(["run", "--model", "ollama/qwen2.5-coder:32b"]);
    expect(secrets(got.env).sort()).toEqual([
      "ANTHROPIC_API_KEY",
      "OPENAI_API_KEY",
      "OPENCODE_CONFIG_CONTENT",
      "OPENROUTER_API_KEY",
    ]);
    expect(got.env.OPENCODE_CONFIG_CONTENT).toBe(OPENCODE_CONFIG_CONTENT);
    expect(got.env).toMatchObject({ OPENCODE_DISABLE_AUTOUPDATE: "1", OPENCODE_DISABLE_SHARE: "1" });
  });

  it.runIf(bwrapAvailable().usable)("finds the agent's CLI on PATH inside bubblewrap too", async () => {
    const got = await run("opencode", { model: "anthropic/claude-sonnet-4-5", bwrap: true });
    expect(got.argv).toEqual(["run", "--model", "anthropic/claude-sonnet-4-5"]);
  });
});

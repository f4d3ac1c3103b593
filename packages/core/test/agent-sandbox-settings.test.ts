// Which sandbox and which agent the server's settings pick: SUTURE_SANDBOX, SUTURE_AGENT=opencode,
// SUTURE_AGENT_MODEL and SUTURE_AGENT_ENV. Each case reads the settings from a fresh environment.
import { bwrapAvailable, cloneRepository, resolveSandboxUser, runAgent, type SandboxUser } from "@suture/fixer";
import { createSampleRepo } from "@suture/fixer/test-support";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

async function settingsWith(vars: Record<string, string>) {
  vi.resetModules();
  Object.assign(process.env, vars);
  const { agentSettings, sandboxDescription } = await import("../src/fixes/dispatch/agent-settings.ts");
  const { dataDir } = await import("@suture/db");
  return { result: agentSettings(), sandboxDescription, dataDir: dataDir() };
}

// As the server checks it: as `nobody` when it runs as root.
const usable = bwrapAvailable(
  process.getuid?.() === 0 ? (resolveSandboxUser("nobody") as SandboxUser) : undefined,
).usable;

describe("SUTURE_SANDBOX", () => {
  it.runIf(usable)("auto picks bubblewrap where it can make its namespaces, and hides the data folder", async () => {
    const { result, sandboxDescription, dataDir } = await settingsWith({ SUTURE_SANDBOX: "auto" });
    if (result.status !== "ok") throw new Error(result.error);
    expect(result.settings.sandbox).toEqual({ kind: "bwrap", hide: dataDir.startsWith("/") ? [dataDir] : [] });
    expect(sandboxDescription(result.settings)).toMatch(/^bubblewrap \(own mount and PID namespaces, /);
  });

  it.runIf(usable)("keeps the data folder and the server's environment from the agent it runs", async () => {
    // The data folder inside the agent's own installation, which the sandbox must mount.
    const install = mkdtempSync(join(tmpdir(), "suture-agent-install-"));
    const data = join(install, "data");
    mkdirSync(data);
    writeFileSync(join(data, "auth-secret"), "data-folder-secret");
    const agent = join(install, "agent.sh");
    const script = `cat ${data}/auth-secret; cat /proc/*/environ | tr '\\0' '\\n' | grep -c SUTURE_SANDBOX_TEST_TOKEN`;
    writeFileSync(agent, `#!/bin/sh\n${script}\nexit 0\n`, { mode: 0o755 });
    chmodSync(install, 0o755);
    const { result } = await settingsWith({
      SUTURE_SANDBOX: "auto",
      SUTURE_DATA_DIR: data,
      SUTURE_SANDBOX_TEST_TOKEN: "server-only",
    });
    if (result.status !== "ok") throw new Error(result.error);
    const { runAs, sandbox } = result.settings;
    expect(sandbox?.hide).toEqual([data]);
    const repo = await createSampleRepo();
    const checkout = await cloneRepository({ cloneUrl: repo.cloneUrl, defaultBranch: "main" });
    if (checkout.status !== "cloned") throw new Error(checkout.error);
    const run = await runAgent({
      command: agent,
      cwd: checkout.dir,
      prompt: "p",
      timeoutMs: 10_000,
      sandbox: sandbox?.kind,
      hide: sandbox?.hide,
      runAs,
    });
    expect(run.output).not.toContain("data-folder-secret");
    expect(run.output).toMatch(/No such file or directory\n0\n$/);
    await repo.cleanup();
  });

  it.runIf(!usable)("auto falls back to the uid sandbox where bubblewrap cannot run, and says why", async () => {
    const { result, sandboxDescription } = await settingsWith({ SUTURE_SANDBOX: "auto" });
    if (result.status !== "ok") throw new Error(result.error);
    expect(result.settings.sandbox?.kind).toBe("uid");
    expect(sandboxDescription(result.settings)).toMatch(/^process group and OS user only, .*\(bwrap/);
  });

  it.runIf(!usable)("bwrap refuses to start without a usable bubblewrap", async () => {
    const { result } = await settingsWith({ SUTURE_SANDBOX: "bwrap" });
    expect(result).toMatchObject({ status: "invalid", error: expect.stringMatching(/^SUTURE_SANDBOX=bwrap: /) });
  });

  it("uid keeps the uid sandbox, and says it was asked to", async () => {
    const { result, sandboxDescription } = await settingsWith({ SUTURE_SANDBOX: "uid" });
    if (result.status !== "ok") throw new Error(result.error);
    expect(result.settings.sandbox?.kind).toBe("uid");
    expect(sandboxDescription(result.settings)).toMatch(/^process group and OS user only, .*\(SUTURE_SANDBOX=uid\)$/);
  });
});

describe("SUTURE_AGENT=opencode", () => {
  it("runs `opencode run` with the model and the extra variables named", async () => {
    const { result } = await settingsWith({
      SUTURE_AGENT: "opencode",
      SUTURE_AGENT_MODEL: "openrouter/qwen/qwen3-coder",
      SUTURE_AGENT_ENV: "OPENROUTER_API_KEY, OLLAMA_HOST",
    });
    if (result.status !== "ok") throw new Error(result.error);
    expect(result.settings.preset).toMatchObject({
      command: "opencode",
      args: ["run", "--model", "openrouter/qwen/qwen3-coder"],
      allowEnv: expect.arrayContaining(["OPENCODE_CONFIG_CONTENT", "OPENROUTER_API_KEY", "OLLAMA_HOST"]),
    });
  });
});

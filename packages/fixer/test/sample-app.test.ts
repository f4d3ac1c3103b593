import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDiff, cloneRepository, runAgent, runTestCommand, snapshotChanges } from "../src/index.ts";
import { SAMPLE_APP, createSampleRepo, sampleAppDir, scriptedAgents, type SampleRepo } from "../test-support/index.ts";

const PROMPT = `Fix the TypeError in ${SAMPLE_APP.file} (${SAMPLE_APP.function}).`;
const RULES = { maxFiles: 5, maxLines: 50, pathDenylist: [".github/"], requireTest: true };

let repo: SampleRepo;
beforeAll(async () => (repo = await createSampleRepo()));
afterAll(() => repo.cleanup());

async function checkout(): Promise<string> {
  const result = await cloneRepository({ cloneUrl: repo.cloneUrl, defaultBranch: "main" });
  if (result.status !== "cloned") throw new Error(result.error);
  return result.dir;
}
async function changesOf(dir: string) {
  const snapshot = await snapshotChanges(dir, repo.headSha);
  if (snapshot.status !== "ok") throw new Error(snapshot.error);
  return snapshot.changes;
}
const runTests = (cwd: string) => runTestCommand({ command: SAMPLE_APP.testCommand, cwd, timeoutMs: 30_000 });
const agentEnv = { ...process.env, GITHUB_TOKEN: "ghp_fake", SENTRY_AUTH_TOKEN: "sntrys_fake", SUTURE_SECRET: "x" };

describe("the sample app", () => {
  it("crashes where SAMPLE_APP says", async () => {
    const lines = readFileSync(join(sampleAppDir, SAMPLE_APP.file), "utf8").split("\n");
    expect(lines[SAMPLE_APP.lineno - 1]).toBe(SAMPLE_APP.contextLine);
    const { cartTotal } = await import(join(sampleAppDir, SAMPLE_APP.file));
    const crash = (() => {
      try {
        cartTotal([{ product: undefined, quantity: 1 }]);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(crash?.name).toBe(SAMPLE_APP.errorType);
    expect(crash?.message).toBe(SAMPLE_APP.errorValue);
    expect(crash?.stack).toContain(`${SAMPLE_APP.file}:${SAMPLE_APP.lineno}:`);
  });

  it("passes its own test suite as shipped, bug and all", async () => {
    expect(await runTests(await checkout())).toMatchObject({ exitCode: 0, output: expect.stringMatching(/pass 2\n/) });
  });
});

describe("the scripted fix agent", () => {
  it("fixes the crash with a regression test that fails on the original code", async () => {
    const dir = await checkout();
    const result = await runAgent({
      command: scriptedAgents.fix,
      cwd: dir,
      prompt: PROMPT,
      parentEnv: agentEnv,
      timeoutMs: 30_000,
    });
    expect(result).toMatchObject({ exitCode: 0, output: expect.stringMatching(/^Root cause: .+\.\n/) });
    expect(await runTests(dir)).toMatchObject({ exitCode: 0, output: expect.stringMatching(/pass 3\n/) });
    expect(checkDiff(await changesOf(dir), RULES)).toMatchObject({ status: "allowed", files: 2 });

    writeFileSync(join(dir, SAMPLE_APP.file), execFileSync("git", ["show", `HEAD:${SAMPLE_APP.file}`], { cwd: dir }));
    const onOldCode = await runTests(dir);
    expect(onOldCode.exitCode).not.toBe(0);
    expect(onOldCode.output).toContain(SAMPLE_APP.errorValue);
    expect(onOldCode.output).toMatch(/fail 1\n/);
  });

  it("refuses to work when handed a secret, naming it without its value", async () => {
    const dir = await checkout();
    const run = spawnSync(scriptedAgents.fix, {
      cwd: dir,
      input: PROMPT,
      env: { PATH: process.env.PATH, GITHUB_TOKEN: "ghp_fake" },
    });
    expect(run.status).toBe(3);
    expect(run.stderr.toString()).toBe("secret in environment: GITHUB_TOKEN\n");
    expect(readFileSync(join(dir, SAMPLE_APP.file), "utf8")).toContain(SAMPLE_APP.contextLine); // untouched
  });

  it("refuses a prompt that never names the failing file", async () => {
    const result = await runAgent({
      command: scriptedAgents.fix,
      cwd: await checkout(),
      prompt: "Fix the bug.",
      timeoutMs: 30_000,
    });
    expect(result).toMatchObject({ exitCode: 4, output: "the prompt does not mention src/cart.js\n" });
  });
});

describe("the other scripted agents", () => {
  it.each([
    {
      agent: "touchWorkflow",
      verdict: { status: "refused", reason: expect.stringContaining(".github/workflows/deploy.yml") },
      testsPass: true,
    },
    { agent: "noChange", verdict: { status: "refused", reason: "the agent changed nothing" }, testsPass: true },
    { agent: "breakTests", verdict: { status: "allowed" }, testsPass: false },
  ] as const)("$agent", async ({ agent, verdict, testsPass }) => {
    const dir = await checkout();
    const result = await runAgent({
      command: scriptedAgents[agent],
      cwd: dir,
      prompt: PROMPT,
      parentEnv: agentEnv,
      timeoutMs: 30_000,
    });
    expect(result).toMatchObject({ exitCode: 0, output: expect.stringMatching(/^Root cause: /) });
    expect(checkDiff(await changesOf(dir), RULES)).toMatchObject(verdict);
    expect((await runTests(dir)).exitCode === 0).toBe(testsPass);
  });
});

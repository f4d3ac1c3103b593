// What the agent may not do, and what happens when it misbehaves: each ends the run `failed`
// with a plain reason, keeps the diff for review, and pushes nothing.
import { execFileSync } from "node:child_process";
import { agentPreset } from "@suture/fixer";
import { createSampleRepo, SAMPLE_APP, scriptedAgents } from "@suture/fixer/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startedSampleAppRun } from "./fix-run-harness.ts";

const sample = await createSampleRepo();
// Present in the server's environment, so the scripted agents (which exit 3 on seeing it) prove the scrub.
process.env.GITHUB_TOKEN = "ghs_server_token_the_agent_must_not_see";
const core = await import("@suture/core");
const { closeDb, getDb } = await import("@suture/core/database");
const db = await import("@suture/db");

beforeAll(async () => {
  await db.ensureWorkspace(await getDb(), { slug: "default", name: "Default" });
  await core.connectRepository({
    workspace: "default",
    repository: "acme/shop",
    cloneUrl: sample.cloneUrl,
    testCommand: SAMPLE_APP.testCommand,
    codeMappings: [{ stackRoot: "/app/", sourceRoot: "" }],
  });
  // Every case here dispatches a run of its own, and the pushed ones stay active: budgets are not what this file tests.
  await core.setWorkspacePolicy("default", { maxActiveRuns: 100 });
});

afterAll(async () => {
  await sample.cleanup();
  await closeDb();
});

let next = 7200000000;

async function prepareWith(agent: string, timeoutMs = 30_000) {
  const id = await startedSampleAppRun(String(next++));
  const server = core.agentSettings();
  if (server.status !== "ok") throw new Error(server.error);
  // As the server would run it: as `nobody` when the tests run as root.
  const result = await core.prepareFix(id, {
    ...server.settings,
    preset: agentPreset("command", agent),
    timeoutMs,
    testTimeoutMs: 30_000,
  });
  const run = (await db.getFixRun(await getDb(), { id }))!;
  return { result, run };
}

const branches = () =>
  execFileSync("git", ["--git-dir", sample.bareDir, "for-each-ref", "--format=%(refname:short)", "refs/heads/fix/"], {
    encoding: "utf8",
  }).trim();

describe("a misbehaving agent", () => {
  it.runIf(process.getuid?.() === 0)("runs as an unprivileged user when the server runs as root", () => {
    const server = core.agentSettings();
    expect(server).toMatchObject({ status: "ok", settings: { runAs: { uid: expect.any(Number) } } });
    expect((server as { settings: { runAs: { uid: number } } }).settings.runAs.uid).not.toBe(0);
  });

  it("cannot publish a change to .github/workflows", async () => {
    const { result, run } = await prepareWith(scriptedAgents.touchWorkflow);
    expect(result).toMatchObject({ status: "failed", reason: expect.stringContaining(".github/workflows/deploy.yml") });
    expect(run).toMatchObject({ status: "failed", branch: null });
    expect(run.diff).toContain(".github/workflows/deploy.yml");
    expect(branches()).toBe("");
  });

  it("is stopped at the timeout, and the run says so", async () => {
    const started = Date.now();
    const { result, run } = await prepareWith(scriptedAgents.hang, 1500);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ status: "failed", reason: expect.stringMatching(/did not finish/) });
    expect(run.status).toBe("failed");
  });

  it("that changes nothing gets no PR", async () => {
    const { result } = await prepareWith(scriptedAgents.noChange);
    expect(result).toMatchObject({ status: "failed", reason: "the agent changed nothing" });
  });

  it("whose change breaks the repository's tests is refused, with the test output kept", async () => {
    const { result, run } = await prepareWith(scriptedAgents.breakTests);
    expect(result).toMatchObject({ status: "failed", reason: expect.stringMatching(/tests failed/) });
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: run.id });
    expect(events.find((e) => e.kind === "tests")?.data).toMatchObject({ ok: false, command: SAMPLE_APP.testCommand });
    expect(events.some((e) => e.kind === "test_output")).toBe(true);
    expect(branches()).toBe("");
  });
});

describe("the regression test, proven red then green", () => {
  it("fails on the base and passes with the fix: recorded, and the run goes on", async () => {
    const { result, run } = await prepareWith(scriptedAgents.fix);
    expect(result).toMatchObject({ status: "pushed" });
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: run.id });
    expect(events.find((e) => e.kind === "tests")?.data).toMatchObject({ ok: true });
    expect(events.find((e) => e.kind === "red_green")?.data).toMatchObject({
      command: SAMPLE_APP.testCommand,
      testFiles: ["test/cart-missing-product.test.js"],
      reproduced: true,
      exitCode: 1,
      outputTail: expect.stringContaining("Cannot read properties of undefined (reading 'price')"),
    });
    // The pushed commit is the fix, not the checkout as the red run left it.
    const pushed = execFileSync("git", ["--git-dir", sample.bareDir, "show", `${run.headSha}:src/cart.js`], {
      encoding: "utf8",
    });
    expect(pushed).toContain("if (!item.product) continue;");
  });

  it("a test that passes without the fix fails the run, unless the policy allows it", async () => {
    const refused = await prepareWith(scriptedAgents.passingTest);
    expect(refused.result).toEqual({
      status: "failed",
      reason: `the test does not reproduce the bug: \`${SAMPLE_APP.testCommand}\` passes without the fix`,
    });
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: refused.run.id });
    expect(events.find((e) => e.kind === "red_green")?.data).toMatchObject({ reproduced: false, exitCode: 0 });

    expect(await core.setWorkspacePolicy("default", { requireReproducingTest: false })).toMatchObject({
      status: "updated",
    });
    try {
      const allowed = await prepareWith(scriptedAgents.passingTest);
      expect(allowed.result).toMatchObject({ status: "pushed" });
    } finally {
      await core.setWorkspacePolicy("default", { requireReproducingTest: true });
    }
  });
});

describe("the red run beside the green one", () => {
  const server = core.agentSettings();
  const inBwrap = server.status === "ok" && server.settings.sandbox?.kind === "bwrap";

  it.runIf(inBwrap)("in bubblewrap both run at once, and the timeline still reads green, then red", async () => {
    // Each run sleeps 3 s before the tests: one after the other would put more than 6 s between the
    // diff checks and the red result; side by side, a little over 3.
    const slow = `sleep 3 && ${SAMPLE_APP.testCommand}`;
    const connect = (testCommand: string) =>
      core.connectRepository({
        workspace: "default",
        repository: "acme/shop",
        cloneUrl: sample.cloneUrl,
        testCommand,
        codeMappings: [{ stackRoot: "/app/", sourceRoot: "" }],
      });
    await connect(slow);
    try {
      const { result, run } = await prepareWith(scriptedAgents.fix);
      expect(result).toMatchObject({ status: "pushed" });
      const events = await db.listFixRunEvents(await getDb(), { fixRunId: run.id });
      const kinds = events.map((e) => e.kind);
      expect(kinds.indexOf("tests")).toBeLessThan(kinds.indexOf("red_green"));
      expect(events.find((e) => e.kind === "red_green")?.data).toMatchObject({ command: slow, reproduced: true });
      const at = (kind: string) => events.find((e) => e.kind === kind)!.createdAt.getTime();
      expect(at("red_green") - at("checks")).toBeLessThan(5500);
      // The red run's copy of the checkout is gone, its output names files relative to the repository.
      const output = events
        .filter((e) => e.kind === "test_output")
        .map((e) => e.message)
        .join("");
      expect(output).toContain("--- the agent's tests without its fix (1 file as on the base) ---");
      expect(output.slice(output.indexOf("without its fix"))).not.toContain("suture-checkout-");
    } finally {
      await connect(SAMPLE_APP.testCommand);
    }
  });
});

describe("a retried dispatch", () => {
  it("adopts the branch an attempt pushed but never recorded, without running the agent again", async () => {
    const { result, run } = await prepareWith(scriptedAgents.fix);
    expect(result).toMatchObject({ status: "pushed" });
    const handle = await getDb();
    // As if the step died between the push and the database write.
    await db.updateFixRun(handle, { id: run.id, fields: { branch: null, headSha: null } });

    const again = await core.prepareFix(run.id, {
      preset: agentPreset("command", scriptedAgents.hang),
      timeoutMs: 60_000,
      testTimeoutMs: 30_000,
    });
    expect(again).toEqual(result);
    expect(
      branches()
        .split("\n")
        .filter((b) => b.startsWith(run.branch!)),
    ).toEqual([run.branch]);
    const events = await db.listFixRunEvents(handle, { fixRunId: run.id });
    expect(events.filter((e) => e.kind === "agent")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      kind: "pushed",
      message: expect.stringMatching(/^Found the branch an earlier attempt pushed/),
    });
  });
});

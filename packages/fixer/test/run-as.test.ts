import { execFile, execFileSync, spawn } from "node:child_process";
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkDiff,
  cloneRepository,
  publishBranch,
  resolveSandboxUser,
  runAgent,
  runTestCommand,
  snapshotChanges,
  type AgentRunOptions,
  type SandboxUser,
} from "../src/index.ts";
import { SAMPLE_APP, createSampleRepo, scriptedAgents, type SampleRepo } from "../test-support/index.ts";
import { alive } from "./alive.ts";

const PASSWD =
  "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nsuture:x:1000:1000::/home/suture:/bin/sh\nbroken:x:abc:1::/:/bin/sh\n";

describe("resolveSandboxUser", () => {
  it.each([
    { name: "nobody", expected: { uid: 65534, gid: 65534 } },
    { name: "65534", expected: { uid: 65534, gid: 65534 } },
    { name: "ghost", expected: { error: 'there is no user "ghost"' } },
    { name: "4242", expected: { error: "no user has uid 4242" } },
    { name: "root", expected: { error: '"root" is root; the sandbox user must be an unprivileged one' } },
    {
      name: "suture",
      expected: { error: '"suture" is the user Suture runs as; the sandbox user must be a different one' },
    },
    { name: "broken", expected: { error: 'the passwd entry of "broken" is malformed' } },
    { name: " ", expected: { error: "no sandbox user was named" } },
  ])("$name", ({ name, expected }) => {
    expect(resolveSandboxUser(name, PASSWD, 1000)).toEqual(expected);
  });
});

const isRoot = process.getuid?.() === 0;
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const BOT = { name: "suture[bot]", email: "suture-bot@users.noreply.example" };
let nobody: SandboxUser;
let repo: SampleRepo;

/** Starts an agent from a separate process that holds GITHUB_TOKEN in its real environment, as the server does. */
function runFromServer(options: Omit<AgentRunOptions, "prompt">): Promise<{ exitCode: number | null; output: string }> {
  const env = { PATH: process.env.PATH, GITHUB_TOKEN: "ghs_serverSecret123" };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "test/agent-runner.ts", JSON.stringify({ ...options, prompt: "p" })],
      { cwd: packageDir, env },
      (error, stdout) => {
        if (!error) return resolve(JSON.parse(stdout));
        // An Error at run time; its declared type is built with Omit and no longer says so.
        const failure: Error = error;
        reject(failure);
      },
    );
  });
}

async function checkout(): Promise<string> {
  const result = await cloneRepository({ cloneUrl: repo.cloneUrl, defaultBranch: "main" });
  if (result.status !== "cloned") throw new Error(result.error);
  return result.dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A later run in `dir`, as prepareFix does it: an agent that takes a second before it fixes (and
 * first lists its home), the checks, the tests, the push. Returns the agent's output and the pushed files.
 */
async function laterRun(dir: string, branch: string): Promise<{ output: string; pushedFiles: string[] }> {
  const agent = await runAgent({
    command: "sh",
    args: ["-c", `sleep 1 && ls -A "$HOME" && exec ${scriptedAgents.fix}`],
    cwd: dir,
    prompt: `Fix ${SAMPLE_APP.file}`,
    timeoutMs: 30_000,
    runAs: nobody,
  });
  expect(agent).toMatchObject({ exitCode: 0 });
  const snapshot = await snapshotChanges(dir, repo.headSha);
  if (snapshot.status !== "ok") throw new Error(snapshot.error);
  expect(
    await runTestCommand({ command: SAMPLE_APP.testCommand, cwd: dir, timeoutMs: 30_000, runAs: nobody }),
  ).toMatchObject({ exitCode: 0 });
  const pushed = await publishBranch({
    dir,
    tree: snapshot.tree,
    baseSha: repo.headSha,
    branch,
    message: "Fix",
    author: BOT,
  });
  if (pushed.status !== "pushed") throw new Error(pushed.error);
  const pushedFiles = execFileSync("git", ["ls-tree", "-r", "--name-only", pushed.sha], { cwd: repo.bareDir })
    .toString()
    .trim()
    .split("\n");
  return { output: agent.output, pushedFiles };
}

describe.skipIf(!isRoot)("runAs another OS user (needs root to switch users; skipped otherwise)", () => {
  beforeAll(async () => {
    const user = resolveSandboxUser("nobody");
    if ("error" in user) throw new Error(user.error);
    nobody = user;
    repo = await createSampleRepo();
  });
  afterAll(() => repo?.cleanup());

  it("keeps the server's token out of reach of /proc, which a scrubbed environment alone does not", async () => {
    const sameUser = await runFromServer({ command: scriptedAgents.snoop, cwd: await checkout(), timeoutMs: 20_000 });
    expect(sameUser).toMatchObject({
      exitCode: 5,
      output: expect.stringContaining("GITHUB_TOKEN=ghs_serverSecret123"),
    });
    const otherUser = await runFromServer({
      command: scriptedAgents.snoop,
      cwd: await checkout(),
      timeoutMs: 20_000,
      runAs: nobody,
    });
    expect(otherUser).toMatchObject({
      exitCode: 0,
      output: expect.stringMatching(/^read the environment of \d+ of \d+ processes\n$/),
    });
  });

  it("fixes, checks and publishes a checkout the agent and the tests worked in as nobody", async () => {
    const dir = await checkout();
    const agent = await runAgent({
      command: scriptedAgents.fix,
      cwd: dir,
      prompt: `Fix ${SAMPLE_APP.file}`,
      timeoutMs: 30_000,
      runAs: nobody,
    });
    expect(agent).toMatchObject({ exitCode: 0 });
    expect(statSync(join(dir, "test/cart-missing-product.test.js")).uid).toBe(nobody.uid); // really written by nobody
    const snapshot = await snapshotChanges(dir, repo.headSha);
    if (snapshot.status !== "ok") throw new Error(snapshot.error);
    expect(
      checkDiff(snapshot.changes, { maxFiles: 5, maxLines: 50, pathDenylist: [".github/"], requireTest: true }),
    ).toMatchObject({ status: "allowed" });
    expect(
      await runTestCommand({ command: SAMPLE_APP.testCommand, cwd: dir, timeoutMs: 30_000, runAs: nobody }),
    ).toMatchObject({ exitCode: 0 });
    const pushed = await publishBranch({
      dir,
      tree: snapshot.tree,
      baseSha: repo.headSha,
      branch: "fix/as-nobody",
      message: "Fix",
      author: BOT,
    });
    expect(pushed).toMatchObject({ status: "pushed", branch: "fix/as-nobody" });
    if (pushed.status !== "pushed") return;
    expect(
      execFileSync("git", ["ls-tree", "-r", "--name-only", pushed.sha], { cwd: repo.bareDir }).toString(),
    ).toContain("test/cart-missing-product.test.js");
  });

  it("hands the checkout over without following its symlinks", async () => {
    const dir = await checkout();
    const outside = join(mkdtempSync(join(tmpdir(), "suture-outside-")), "precious");
    writeFileSync(outside, "root's\n");
    symlinkSync(outside, join(dir, "link"));
    const result = await runTestCommand({ command: "id -u; touch mine", cwd: dir, timeoutMs: 10_000, runAs: nobody });
    expect(result).toMatchObject({ exitCode: 0, output: `${nobody.uid}\n` });
    expect(statSync(join(dir, "mine")).uid).toBe(nobody.uid);
    expect(lstatSync(join(dir, "link")).uid).toBe(nobody.uid);
    expect(statSync(outside).uid).toBe(0);
  });

  it("gives each run a group of its own, and opens the checkout's folder to it only while the run lasts", async () => {
    const dir = await checkout();
    const gate = dirname(dir);
    const look = `id -u; id -g; id -G; stat -c '%a %u %g' ${gate}`;
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const result = await runTestCommand({ command: look, cwd: dir, timeoutMs: 10_000, runAs: nobody });
      expect(result).toMatchObject({ exitCode: 0 });
      const [uid, gid, groups, gateMode] = result.output.trim().split("\n");
      expect({ uid, groups, gateMode }).toEqual({ uid: String(nobody.uid), groups: gid, gateMode: `710 0 ${gid}` });
      expect(statSync(gate)).toMatchObject({ uid: 0, gid: 0 });
      expect(statSync(gate).mode & 0o777).toBe(0o700); // shut again
      runs.push(Number(gid));
    }
    expect(runs[0]).not.toBe(nobody.gid);
    expect(runs[1]).not.toBe(runs[0]);
  });

  it("refuses a working folder that cloneRepository did not make", async () => {
    const result = await runTestCommand({
      command: "true",
      cwd: mkdtempSync(join(tmpdir(), "suture-checkout-")),
      timeoutMs: 10_000,
      runAs: nobody,
    });
    expect(result).toMatchObject({
      exitCode: null,
      error: expect.stringContaining("is not a checkout made by cloneRepository"),
    });
  });

  it("kills a process that left the agent's process group, before it reaches the next run's checkout", async () => {
    const first = await checkout();
    const second = await checkout();
    const result = await runAgent({
      command: scriptedAgents.setsidEscape,
      cwd: first,
      prompt: `${second}\n`,
      timeoutMs: 20_000,
      runAs: nobody,
    });
    expect(result).toMatchObject({ exitCode: 0, output: "left a process behind\n" });
    expect(result.survivors).toBeUndefined();
    const escapee = Number(readFileSync(join(first, "escapee.pid"), "utf8"));
    expect(escapee).toBeGreaterThan(1);
    expect(alive(escapee)).toBe(false); // gone by the time runAgent returns

    const later = await laterRun(second, "fix/after-an-escape");
    expect(later.pushedFiles).toContain("test/cart-missing-product.test.js");
    expect(later.pushedFiles).not.toContain("planted.txt");
    expect(existsSync(join(second, "planted.txt"))).toBe(false);
    expect(existsSync(join(first, "planted.txt"))).toBe(false); // nor, later, its own
  });

  it("keeps a process of the sandbox user that was never killed out of another run's checkout and home", async () => {
    // Stands in for a process that survived its run: the sandbox user, but not the next run's group.
    const scratch = mkdtempSync(join(tmpdir(), "suture-intruder-"));
    chownSync(scratch, nobody.uid, nobody.gid);
    const second = await checkout();
    writeFileSync(join(scratch, "prompt"), `${second}\n`, { mode: 0o644 });
    const env = { PATH: process.env.PATH, SUTURE_PROMPT_FILE: join(scratch, "prompt") };
    const starter = spawn(scriptedAgents.setsidEscape, {
      cwd: scratch,
      env,
      uid: nobody.uid,
      gid: nobody.gid,
      stdio: "ignore",
    });
    await new Promise((resolve) => starter.once("exit", resolve));
    const intruder = Number(readFileSync(join(scratch, "escapee.pid"), "utf8"));
    for (let waited = 0; !existsSync(join(scratch, "planted.txt")) && waited < 10_000; waited += 100) await sleep(100);
    expect(existsSync(join(scratch, "planted.txt"))).toBe(true); // it is writing wherever it may
    expect(alive(intruder)).toBe(true);

    const later = await laterRun(second, "fix/beside-an-intruder");
    expect(later.output.startsWith("prompt.md\n")).toBe(true); // nothing planted in the agent's home
    expect(later.pushedFiles).not.toContain("planted.txt");
    expect(existsSync(join(second, "planted.txt"))).toBe(false);
    expect(alive(intruder)).toBe(false); // and the run's kill took it along
  });
});

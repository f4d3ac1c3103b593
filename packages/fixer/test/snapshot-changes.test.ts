import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDiff, cloneRepository, publishBranch, runAgent, runTestCommand, snapshotChanges } from "../src/index.ts";
import { SAMPLE_APP, createSampleRepo, scriptedAgents, type SampleRepo } from "../test-support/index.ts";

const BOT = { name: "suture[bot]", email: "suture-bot@users.noreply.example" };
const RULES = { maxFiles: 5, maxLines: 50, pathDenylist: [".github/"], requireTest: true };
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" }).toString().trim();

let repo: SampleRepo;
beforeAll(async () => (repo = await createSampleRepo()));
afterAll(() => repo.cleanup());

async function checkout(): Promise<string> {
  const result = await cloneRepository({ cloneUrl: repo.cloneUrl, defaultBranch: "main" });
  if (result.status !== "cloned") throw new Error(result.error);
  return result.dir;
}

async function snapshot(dir: string) {
  const result = await snapshotChanges(dir, repo.headSha);
  if (result.status !== "ok") throw new Error(result.error);
  return result;
}

describe("snapshotChanges", () => {
  it("sees what an agent committed itself, wherever HEAD now points", async () => {
    const dir = await checkout();
    const script = [
      "mkdir -p .github/workflows && echo 'on: push' > .github/workflows/x.yml",
      "git add -A && git -c user.name=agent -c user.email=agent@example.com commit -qm 'ci tweak'",
    ].join(" && ");
    expect(
      await runAgent({ command: "sh", args: ["-c", script], cwd: dir, prompt: "p", timeoutMs: 20_000 }),
    ).toMatchObject({ exitCode: 0 });
    expect(git(dir, "rev-parse", "HEAD")).not.toBe(repo.headSha); // the commit really moved HEAD
    expect(git(dir, "status", "--porcelain")).toBe(""); // and a diff against HEAD would see nothing
    const { changes, diff } = await snapshot(dir);
    expect(changes).toEqual([{ path: ".github/workflows/x.yml", added: 1, removed: 0 }]);
    expect(diff).toContain("+++ b/.github/workflows/x.yml\n@@ -0,0 +1 @@\n+on: push\n");
    expect(checkDiff(changes, RULES)).toMatchObject({
      status: "refused",
      reason: expect.stringContaining(".github/workflows/x.yml"),
    });
  });

  it("pushes exactly the snapshot, not what the tests wrote afterwards", async () => {
    const dir = await checkout();
    expect(
      await runAgent({ command: scriptedAgents.fix, cwd: dir, prompt: `Fix ${SAMPLE_APP.file}`, timeoutMs: 20_000 }),
    ).toMatchObject({ exitCode: 0 });
    const { tree, changes } = await snapshot(dir);
    expect(checkDiff(changes, RULES)).toMatchObject({ status: "allowed", files: 2 });
    const command = `${SAMPLE_APP.testCommand} && mkdir -p .github/workflows && echo 'on: push' > .github/workflows/late.yml && echo x >> src/cart.js`;
    expect(await runTestCommand({ command, cwd: dir, timeoutMs: 30_000 })).toMatchObject({ exitCode: 0 });
    const pushed = await publishBranch({
      dir,
      tree,
      baseSha: repo.headSha,
      branch: "fix/exact",
      message: "Fix",
      author: BOT,
    });
    expect(pushed).toMatchObject({ status: "pushed" });
    if (pushed.status !== "pushed") return;
    expect(git(repo.bareDir, "ls-tree", "-r", "--name-only", pushed.sha).split("\n")).toEqual([
      "package.json",
      "src/cart.js",
      "test/cart-missing-product.test.js",
      "test/cart.test.js",
    ]);
    expect(git(repo.bareDir, "show", `${pushed.sha}:src/cart.js`)).not.toMatch(/\nx$/);
  });

  it("is a plain diff that leaves ignored files out and runs no driver a .gitattributes names", async () => {
    const dir = await checkout();
    writeFileSync(join(dir, ".gitattributes"), "* filter=evil diff=evil\n");
    writeFileSync(join(dir, ".gitignore"), "out/\n");
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out/build.log"), "noise\n");
    writeFileSync(join(dir, SAMPLE_APP.file), "export const cartTotal = () => 0;\n");
    const { changes, diff } = await snapshot(dir);
    expect(changes.map((c) => c.path)).toEqual([".gitattributes", ".gitignore", SAMPLE_APP.file]);
    expect(diff).toContain("--- a/src/cart.js\n+++ b/src/cart.js\n");
    expect(diff).toContain(`-${SAMPLE_APP.contextLine}\n`);
    expect(diff).toContain("diff --git a/.gitignore b/.gitignore\nnew file mode 100644\n");
    expect(diff).not.toContain("\u001b[");
  });

  it("refuses a checkout whose config defines the drivers, before any of them runs", async () => {
    const dir = await checkout();
    const marker = join(tmpdir(), `suture-filter-ran-${process.pid}`);
    writeFileSync(join(dir, ".gitattributes"), "* filter=evil diff=evil\n");
    writeFileSync(join(dir, SAMPLE_APP.file), "changed\n");
    git(dir, "config", "filter.evil.clean", `touch ${marker}; cat`);
    git(dir, "config", "diff.evil.textconv", `touch ${marker}; cat`);
    expect(await snapshotChanges(dir, repo.headSha)).toEqual({
      status: "failed",
      error:
        "the checkout's git config was changed (filter.evil.clean, diff.evil.textconv); refusing to read changes from it",
    });
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses a .git swapped for a pointer elsewhere, and a base that is not a commit id", async () => {
    const dir = await checkout();
    renameSync(join(dir, ".git"), join(dir, "elsewhere"));
    writeFileSync(join(dir, ".git"), "gitdir: elsewhere\n");
    expect(await snapshotChanges(dir, repo.headSha)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^the checkout's .git was replaced/),
    });
    expect(await snapshotChanges(await checkout(), "HEAD~1")).toEqual({
      status: "failed",
      error: '"HEAD~1" is not a full commit id',
    });
  });
});

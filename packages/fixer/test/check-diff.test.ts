import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDiff, snapshotChanges, type DiffRules, type FileChange } from "../src/index.ts";

const DENY = [".github/", ".gitlab-ci.yml", "pnpm-lock.yaml", ".env", "*.pem", "*secret*"];
const rules: DiffRules = { maxFiles: 3, maxLines: 20, pathDenylist: DENY, requireTest: true };

/** A real repository with one commit, for the agent to change. */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), "suture-diff-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/cart.js"), "export const total = (items) => items.reduce((s, i) => s + i.price, 0);\n");
  writeFileSync(join(dir, "README.md"), "cart\n");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
  bases.set(dir, git("rev-parse", "HEAD").toString().trim());
  return dir;
}
const bases = new Map<string, string>();

/** The checkout's change against the commit it started from, as the pipeline reads it. */
async function changesOf(dir: string): Promise<FileChange[]> {
  const snapshot = await snapshotChanges(dir, bases.get(dir)!);
  if (snapshot.status !== "ok") throw new Error(snapshot.error);
  return snapshot.changes;
}

describe("snapshotChanges + checkDiff on a real checkout", () => {
  it("accepts a small fix with a new, untracked regression test", async () => {
    const dir = repo();
    writeFileSync(
      join(dir, "src/cart.js"),
      "export const total = (items = []) => items.reduce((s, i) => s + (i.price ?? 0), 0);\n",
    );
    writeFileSync(
      join(dir, "src/cart.test.js"),
      "import { total } from './cart.js';\nif (total() !== 0) throw new Error('empty');\n",
    );
    const changes = await changesOf(dir);
    expect(changes).toEqual([
      { path: "src/cart.js", added: 1, removed: 1 },
      { path: "src/cart.test.js", added: 2, removed: 0 },
    ]);
    expect(checkDiff(changes, rules)).toEqual({ status: "allowed", files: 2, lines: 4 });
  });

  it("refuses a diff that touches .github/workflows", async () => {
    const dir = repo();
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/ci.yml"), "on: push\n");
    writeFileSync(join(dir, "src/cart.test.js"), "// test\n");
    expect(checkDiff(await changesOf(dir), rules)).toEqual({
      status: "refused",
      reason: "the diff touches .github/workflows/ci.yml, which fixes may not change",
    });
  });

  it("refuses an empty diff, a missing test, and diffs over the limits", async () => {
    const dir = repo();
    expect(checkDiff(await changesOf(dir), rules)).toEqual({ status: "refused", reason: "the agent changed nothing" });
    writeFileSync(join(dir, "src/cart.js"), "export const total = () => 0;\n");
    expect(checkDiff(await changesOf(dir), rules)).toMatchObject({
      status: "refused",
      reason: expect.stringMatching(/regression test is required/),
    });
    writeFileSync(join(dir, "src/cart.test.js"), "x\n".repeat(30));
    expect(checkDiff(await changesOf(dir), rules)).toMatchObject({
      status: "refused",
      reason: "the diff changes 32 lines; the limit is 20",
    });
    for (const n of [1, 2, 3]) writeFileSync(join(dir, `src/extra${n}.js`), "x\n");
    expect(checkDiff(await changesOf(dir), { ...rules, maxLines: 100 })).toMatchObject({
      status: "refused",
      reason: "the diff changes 5 files; the limit is 3",
    });
  });

  it("follows renames, and matches secrets and lockfiles by name anywhere", async () => {
    const dir = repo();
    renameSync(join(dir, "README.md"), join(dir, "docs.md"));
    const changes = await changesOf(dir);
    expect(changes.map((c) => c.path).sort()).toEqual(["README.md", "docs.md"]);
    const verdict = (path: string) =>
      checkDiff(
        [
          { path, added: 1, removed: 0 },
          { path: "a.test.ts", added: 1, removed: 0 },
        ],
        rules,
      );
    expect(verdict("deploy/server.pem")).toMatchObject({ status: "refused" });
    expect(verdict("config/client_secret.json")).toMatchObject({ status: "refused" });
    expect(verdict("apps/web/pnpm-lock.yaml")).toMatchObject({ status: "refused" });
    expect(verdict("apps/.env")).toMatchObject({ status: "refused" });
    expect(verdict("src/environment.ts")).toMatchObject({ status: "allowed" });
    expect(verdict("src/github-client.ts")).toMatchObject({ status: "allowed" });
  });
});

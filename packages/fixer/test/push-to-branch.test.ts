import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneRepository, fetchCommit, pushToBranch, removeCheckout, snapshotChanges } from "../src/index.ts";
import { createSampleRepo, type SampleRepo } from "../test-support/index.ts";

const BOT = { name: "suture[bot]", email: "suture-bot@users.noreply.example" };
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" }).toString().trim();

let repo: SampleRepo;
beforeAll(async () => {
  repo = await createSampleRepo();
  git(repo.bareDir, "branch", "fix/pr", "main");
});
afterAll(() => repo.cleanup());

/** A checkout of fix/pr with one more line in src/cart.js, and its tree. */
async function changed(line: string): Promise<{ dir: string; sha: string; tree: string }> {
  const clone = await cloneRepository({ cloneUrl: repo.cloneUrl, ref: "fix/pr", defaultBranch: "main" });
  if (clone.status !== "cloned") throw new Error(clone.error);
  writeFileSync(join(clone.dir, "src/cart.js"), `${line}\n`, { flag: "a" });
  const snap = await snapshotChanges(clone.dir, clone.sha);
  if (snap.status !== "ok") throw new Error(snap.error);
  return { dir: clone.dir, sha: clone.sha, tree: snap.tree };
}

describe("pushToBranch", () => {
  it("fast-forwards the branch by one commit of the tree, as the bot", async () => {
    const { dir, sha, tree } = await changed("// one");
    try {
      const pushed = await pushToBranch({
        dir,
        tree,
        headSha: sha,
        branch: "fix/pr",
        message: "fix: one",
        author: BOT,
        remoteUrl: repo.cloneUrl,
      });
      expect(pushed).toMatchObject({ status: "pushed", branch: "fix/pr" });
      const head = git(repo.bareDir, "rev-parse", "refs/heads/fix/pr");
      expect(pushed.status === "pushed" && pushed.sha).toBe(head);
      expect(git(repo.bareDir, "rev-parse", `${head}^`)).toBe(sha);
      expect(git(repo.bareDir, "log", "-1", "--format=%an", head)).toBe(BOT.name);
    } finally {
      await removeCheckout(dir);
    }
  });

  it("pushes nothing when the branch moved since the checkout", async () => {
    const stale = await changed("// stale");
    const other = await changed("// someone else");
    try {
      const options = { branch: "fix/pr", message: "fix", author: BOT, remoteUrl: repo.cloneUrl };
      expect(await pushToBranch({ ...options, dir: other.dir, tree: other.tree, headSha: other.sha })).toMatchObject({
        status: "pushed",
      });
      const head = git(repo.bareDir, "rev-parse", "refs/heads/fix/pr");
      const refused = await pushToBranch({ ...options, dir: stale.dir, tree: stale.tree, headSha: stale.sha });
      expect(refused).toMatchObject({ status: "failed", error: expect.stringMatching(/moved on/) });
      expect(git(repo.bareDir, "rev-parse", "refs/heads/fix/pr")).toBe(head);
    } finally {
      await Promise.all([removeCheckout(stale.dir), removeCheckout(other.dir)]);
    }
  });

  it("fetchCommit brings another commit into a shallow checkout", async () => {
    const { dir } = await changed("// base");
    try {
      expect(await fetchCommit(dir, repo.headSha, { remoteUrl: repo.cloneUrl })).toEqual({ ok: true });
      expect(git(dir, "cat-file", "-t", repo.headSha)).toBe("commit");
    } finally {
      await removeCheckout(dir);
    }
  });
});

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneRepository, publishBranch, snapshotChanges, type PublishOptions } from "../src/index.ts";
import { createSampleRepo, type SampleRepo } from "../test-support/index.ts";
import { startGitHttpsServer, type GitHttpsServer } from "./git-https-server.ts";

const TOKEN = "ghs_publishTestToken789";
const BOT = { name: "suture[bot]", email: "suture-bot@users.noreply.example" };
const basic = (token: string) => `Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`;
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" }).toString().trim();

let repo: SampleRepo;
let server: GitHttpsServer;
const remoteRef = (branch: string) => git(repo.bareDir, "rev-parse", "--verify", "-q", `refs/heads/${branch}`);
const hasBranch = (branch: string) => git(repo.bareDir, "branch", "--list", branch) !== "";

beforeAll(async () => {
  repo = await createSampleRepo();
  server = await startGitHttpsServer(dirname(repo.bareDir), basic(TOKEN));
  process.env.GIT_SSL_CAINFO = server.caFile;
});
afterAll(async () => {
  await server.close();
  await repo.cleanup();
});

/** A checkout of the sample app with the agent's change in it: a fix and a new test. */
async function changedCheckout(cloneUrl = repo.cloneUrl, token?: string): Promise<string> {
  const result = await cloneRepository({ cloneUrl, defaultBranch: "main", token });
  if (result.status !== "cloned") throw new Error(result.error);
  writeFileSync(join(result.dir, "src/cart.js"), "export const cartTotal = () => 0;\n");
  writeFileSync(join(result.dir, "test/zero.test.js"), "// new\n");
  return result.dir;
}

/** What the checkout holds now, as a tree to publish. */
async function snapshot(dir: string): Promise<string> {
  const result = await snapshotChanges(dir, repo.headSha);
  if (result.status !== "ok") throw new Error(result.error);
  return result.tree;
}

const publish = async (dir: string, extra: Partial<PublishOptions> = {}) =>
  publishBranch({
    dir,
    tree: extra.tree ?? (await snapshot(dir)),
    baseSha: repo.headSha,
    branch: "fix/cart-total",
    message: "Fix cartTotal for deleted products",
    author: BOT,
    ...extra,
  });

describe("publishBranch", () => {
  it("commits as the bot and pushes a new branch; the same name next time gets -2", async () => {
    const first = await publish(await changedCheckout());
    expect(first).toMatchObject({ status: "pushed", branch: "fix/cart-total" });
    if (first.status !== "pushed") return;
    expect(remoteRef("fix/cart-total")).toBe(first.sha);
    expect(git(repo.bareDir, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%s|%P", first.sha)).toBe(
      `${BOT.name} <${BOT.email}>|${BOT.name} <${BOT.email}>|Fix cartTotal for deleted products|${repo.headSha}`,
    );
    expect(git(repo.bareDir, "show", "--name-only", "--format=", first.sha).split("\n")).toEqual([
      "src/cart.js",
      "test/zero.test.js",
    ]);

    const second = await publish(await changedCheckout());
    expect(second).toMatchObject({ status: "pushed", branch: "fix/cart-total-2" });
    expect(remoteRef("fix/cart-total")).toBe(first.sha); // untouched
  });

  it("pushes over https with the token as a header, and never onto a branch created meanwhile", async () => {
    const cloneUrl = server.url(basename(repo.bareDir));
    const dir = await changedCheckout(cloneUrl, TOKEN);
    server.onRequest = (_method, url) => {
      // Someone creates the branch after Suture listed the remote's branches, before the push.
      if (url.search === "?service=git-receive-pack" && !hasBranch("fix/race"))
        git(repo.bareDir, "branch", "fix/race", "main");
    };
    const result = await publish(dir, { branch: "fix/race", token: TOKEN });
    server.onRequest = undefined;
    expect(result).toMatchObject({ status: "pushed", branch: "fix/race-2" });
    expect(remoteRef("fix/race")).toBe(repo.headSha); // theirs, not overwritten
    if (result.status === "pushed") expect(remoteRef("fix/race-2")).toBe(result.sha);
    expect(server.authorizations.at(-1)).toBe(basic(TOKEN));
  });

  it("runs none of the checkout's hooks", async () => {
    const dir = await changedCheckout();
    const marker = join(tmpdir(), `suture-hook-ran-${process.pid}`);
    for (const hook of ["pre-commit", "commit-msg", "post-commit", "pre-push", "reference-transaction"]) {
      writeFileSync(join(dir, ".git/hooks", hook), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    }
    expect(await publish(dir, { branch: "fix/hooks" })).toMatchObject({ status: "pushed" });
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses to push from a checkout whose git config was changed to redirect it", async () => {
    const dir = await changedCheckout();
    const tree = await snapshot(dir); // the tests, run after the snapshot, change the config
    git(dir, "config", `url.file:///tmp/elsewhere.git.insteadOf`, repo.cloneUrl);
    expect(await publish(dir, { branch: "fix/redirected", tree })).toEqual({
      status: "failed",
      error:
        "the checkout's git config was changed (url.file:///tmp/elsewhere.git.insteadof); refusing to push from it",
    });
    expect(hasBranch("fix/redirected")).toBe(false);
  });

  it("pushes to the given remote, not to an origin the agent rewrote", async () => {
    const dir = await changedCheckout();
    const decoy = join(dirname(repo.bareDir), "decoy.git");
    mkdirSync(decoy);
    git(decoy, "init", "-q", "--bare");
    git(dir, "remote", "set-url", "origin", `file://${decoy}`);
    expect(await publish(dir, { branch: "fix/pinned", remoteUrl: repo.cloneUrl })).toMatchObject({
      status: "pushed",
      branch: "fix/pinned",
    });
    expect(hasBranch("fix/pinned")).toBe(true);
    expect(git(decoy, "for-each-ref")).toBe("");
  });

  it("fails in plain words when there is nothing to commit or the name is not a branch name", async () => {
    const result = await cloneRepository({ cloneUrl: repo.cloneUrl, defaultBranch: "main" });
    if (result.status !== "cloned") throw new Error(result.error);
    expect(await publish(result.dir)).toEqual({ status: "failed", error: "there is nothing to commit" });
    expect(await publish(result.dir, { branch: "--delete" })).toEqual({
      status: "failed",
      error: '"--delete" is not a valid branch name',
    });
    expect(await publish(result.dir, { baseSha: "HEAD" })).toEqual({
      status: "failed",
      error: "the tree and the base commit must be full object ids",
    });
  });
});

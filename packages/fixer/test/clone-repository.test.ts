import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneRepository, copyCheckout, listFiles, removeCheckout } from "../src/index.ts";
import { createSampleRepo, type SampleRepo } from "../test-support/index.ts";
import { startGitHttpsServer, type GitHttpsServer } from "./git-https-server.ts";

const TOKEN = "ghs_cloneTestToken123";
const basic = (token: string) => `Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`;
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" }).toString().trim();

let repo: SampleRepo;
let server: GitHttpsServer;
let latestSha: string;

beforeAll(async () => {
  repo = await createSampleRepo();
  // A second commit on main, so the release's commit is no longer the tip.
  const work = mkdtempSync(join(tmpdir(), "suture-work-"));
  git(work, "clone", "-q", repo.cloneUrl, ".");
  writeFileSync(join(work, "README.md"), "# Sample shop\n");
  git(work, "add", ".");
  git(
    work,
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@example.com",
    "-c",
    "commit.gpgsign=false",
    "commit",
    "-qm",
    "readme",
  );
  git(work, "push", "-q", "origin", "main");
  latestSha = git(work, "rev-parse", "HEAD");
  server = await startGitHttpsServer(dirname(repo.bareDir), basic(TOKEN));
  process.env.GIT_SSL_CAINFO = server.caFile;
});

afterAll(async () => {
  await server.close();
  await repo.cleanup();
});

describe("cloneRepository", () => {
  it("checks out the tip of the default branch when there is no release commit", async () => {
    const result = await cloneRepository({ cloneUrl: repo.cloneUrl, ref: null, defaultBranch: "main" });
    expect(result).toMatchObject({ status: "cloned", ref: "main", sha: latestSha, fellBack: false });
    if (result.status !== "cloned") return;
    expect(result.note).toBeUndefined();
    expect(await listFiles(result.dir)).toEqual(["README.md", "package.json", "src/cart.js", "test/cart.test.js"]);
    expect(git(result.dir, "rev-parse", "--is-shallow-repository")).toBe("true");
    const parent = statSync(dirname(result.dir)); // a folder of its own that only Suture may enter
    expect({ mode: parent.mode & 0o777, uid: parent.uid }).toEqual({ mode: 0o700, uid: process.getuid!() });
    await removeCheckout(result.dir);
    expect(existsSync(result.dir)).toBe(false);
    expect(existsSync(dirname(result.dir))).toBe(false);
    await removeCheckout(result.dir); // already gone is fine
  });

  it("checks out exactly the release's commit, not the branch tip", async () => {
    const result = await cloneRepository({ cloneUrl: repo.cloneUrl, ref: repo.headSha, defaultBranch: "main" });
    expect(result).toMatchObject({ status: "cloned", ref: repo.headSha, sha: repo.headSha, fellBack: false });
    if (result.status === "cloned") expect(existsSync(join(result.dir, "README.md"))).toBe(false);
  });

  it("falls back to the default branch, and says why, for a commit the remote never got", async () => {
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const result = await cloneRepository({ cloneUrl: repo.cloneUrl, ref: missing, defaultBranch: "main" });
    expect(result).toMatchObject({ status: "cloned", ref: "main", sha: latestSha, fellBack: true });
    if (result.status === "cloned")
      expect(result.note).toMatch(new RegExp(`Could not fetch ${missing} .*starts from main instead`));
  });

  it("never lets a ref act as a git option", async () => {
    const marker = join(tmpdir(), `suture-injected-${process.pid}`);
    const ref = `--upload-pack=touch ${marker}`;
    const result = await cloneRepository({ cloneUrl: repo.cloneUrl, ref, defaultBranch: "main" });
    expect(result).toMatchObject({ status: "cloned", sha: latestSha, fellBack: true });
    expect(existsSync(marker)).toBe(false);
  });

  it("fails with git's message for an unreachable remote, leaving no folder behind", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "suture-scratch-"));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = scratch; // where the checkout would be made
    const result = await cloneRepository({
      cloneUrl: "file:///nonexistent/shop.git",
      defaultBranch: "main",
      token: TOKEN,
    }).finally(() => {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    });
    expect(result).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/could not fetch main .*does not appear to be a git repository/s),
    });
    expect(readdirSync(scratch)).toEqual([]);
  });

  it("sends the token as a header to an https remote and keeps it out of .git/config", async () => {
    const cloneUrl = server.url(basename(repo.bareDir));
    const result = await cloneRepository({ cloneUrl, ref: repo.headSha, defaultBranch: "main", token: TOKEN });
    expect(result).toMatchObject({ status: "cloned", sha: repo.headSha, fellBack: false });
    if (result.status !== "cloned") return;
    expect(server.authorizations.at(-1)).toBe(basic(TOKEN));
    const config = readFileSync(join(result.dir, ".git/config"), "utf8");
    expect(config).toContain(cloneUrl);
    expect(config).not.toMatch(/extraheader|authorization|ghs_/i);
    expect(spawnSync("git", ["config", "--local", "--get-regexp", "http"], { cwd: result.dir }).stdout.toString()).toBe(
      "",
    );
  });

  it("fails without the token in the error when the remote refuses it", async () => {
    const cloneUrl = server.url(basename(repo.bareDir));
    const wrong = "ghs_wrongToken456";
    const result = await cloneRepository({ cloneUrl, defaultBranch: "main", token: wrong });
    expect(result).toMatchObject({ status: "failed", error: expect.stringContaining("could not fetch main") });
    expect(server.authorizations.at(-1)).toBe(basic(wrong)); // it was sent, and refused
    if (result.status === "failed") expect(result.error).not.toContain(wrong);
  });
});

describe("copyCheckout", () => {
  it("copies files, dotfiles, .git and modes, links as links, into a gate of its own", async () => {
    const clone = await cloneRepository({ cloneUrl: repo.cloneUrl, defaultBranch: "main" });
    if (clone.status !== "cloned") throw new Error(clone.error);
    try {
      writeFileSync(join(clone.dir, ".env.example"), "A=1\n");
      writeFileSync(join(clone.dir, "run.sh"), "#!/bin/sh\n", { mode: 0o755 });
      symlinkSync("src/cart.js", join(clone.dir, "inside-link"));
      symlinkSync("/etc/hostname", join(clone.dir, "outside-link"));
      const copy = await copyCheckout(clone.dir);
      if ("error" in copy) throw new Error(copy.error);
      try {
        expect(dirname(copy.dir)).not.toBe(dirname(clone.dir));
        expect(basename(dirname(copy.dir))).toMatch(/^suture-checkout-/);
        expect(statSync(dirname(copy.dir)).mode & 0o777).toBe(0o700);
        expect(readFileSync(join(copy.dir, ".env.example"), "utf8")).toBe("A=1\n");
        expect(statSync(join(copy.dir, "run.sh")).mode & 0o777).toBe(0o755);
        expect(readlinkSync(join(copy.dir, "inside-link"))).toBe("src/cart.js");
        expect(readlinkSync(join(copy.dir, "outside-link"))).toBe("/etc/hostname");
        const head = (dir: string) => execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" });
        expect(head(copy.dir)).toBe(head(clone.dir));
        writeFileSync(join(copy.dir, "src/cart.js"), "changed in the copy\n");
        expect(readFileSync(join(clone.dir, "src/cart.js"), "utf8")).not.toBe("changed in the copy\n");
      } finally {
        await removeCheckout(copy.dir);
      }
      expect(existsSync(dirname(copy.dir))).toBe(false);
      expect(existsSync(clone.dir)).toBe(true);
    } finally {
      await removeCheckout(clone.dir);
    }
  });

  it("says why when there is nothing to copy, and leaves nothing behind", async () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith("suture-checkout-")).length;
    const copy = await copyCheckout(join(tmpdir(), "no-such-checkout-here"));
    expect(copy).toEqual({ error: expect.stringMatching(/^could not copy the checkout: .*No such file/) });
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith("suture-checkout-")).length).toBe(before);
  });
});

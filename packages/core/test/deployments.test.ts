import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeHarness, core, db, deliver, getDb, github, sent } from "./github-harness.ts";
import { repository } from "./github-deliveries.ts";
import { observeRelease } from "./observe-release.ts";

afterAll(() => closeHarness());

const encode = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
let counter = 0;

async function workspaceWithToken() {
  const slug = `deploys-${++counter}`;
  const workspace = await db.ensureWorkspace(await getDb(), { slug });
  const created = await core.createDeployToken({ workspace: slug }, { userId: null, label: "cli:test" });
  if (created.status !== "created") throw new Error(created.error);
  return {
    workspace,
    token: created.token,
    post: (body: unknown) => core.receiveDeployment(`Bearer ${created.token}`, encode(body)),
  };
}

async function linkedReleases(workspaceId: string, observationId: string) {
  const links = await db.listReleaseLinks(await getDb(), { workspaceId, observationId });
  return links.map((l) => `${l.deployment.environment}:${l.deployment.release}`).sort();
}

describe("POST /api/deployments (receiveDeployment)", () => {
  it("records a deployment once: 201 {id}, then 200 {id, duplicate: true}, announced once", async () => {
    const { workspace, post } = await workspaceWithToken();
    const body = { environment: "production", release: "shop@1.0.0", commit: "A".repeat(40), repository: "acme/shop" };
    const first = await post(body);
    expect(first.status).toBe(201);
    const { id } = first.body as { id: string };
    expect(await post(body)).toEqual({ status: 200, body: { id, duplicate: true } });
    // Another commit or environment is another deployment.
    expect((await post({ ...body, environment: "staging" })).status).toBe(201);
    expect((await post({ ...body, commit: "b".repeat(40) })).status).toBe(201);

    const stored = await db.getDeployment(await getDb(), { id });
    expect(stored).toMatchObject({
      workspaceId: workspace.id,
      commitSha: "a".repeat(40),
      repository: "acme/shop",
      source: "api",
      status: "success",
    });
    expect(sent.filter((e) => e.name === "deployment/recorded" && e.data.deploymentId === id)).toHaveLength(1);
  });

  it("answers 401 for a missing, malformed or unknown token, storing nothing", async () => {
    const { workspace } = await workspaceWithToken();
    const body = encode({ environment: "production", release: "x" });
    for (const header of [null, "", "Bearer", "Basic abc", `Bearer sdt_${"x".repeat(43)}`, "Bearer sdt_short"]) {
      expect(await core.receiveDeployment(header, body)).toMatchObject({ status: 401 });
    }
    const handle = await getDb();
    const rows = await handle.query.deployments.findMany({ where: (d, { eq }) => eq(d.workspaceId, workspace.id) });
    expect(rows).toEqual([]);
  });

  it.each([
    ["a missing release", { environment: "production" }, "release: is required"],
    ["an empty environment", { environment: " ", release: "1" }, "environment: must not be empty"],
    ["a commit that is not a SHA", { environment: "p", release: "1", commit: "main" }, "commit: must be a commit SHA"],
    ["a repository not owner/name", { environment: "p", release: "1", repository: "shop" }, "repository:"],
    ["an unknown field", { environment: "p", release: "1", sha: "abc" }, 'unknown field "sha"'],
    ["a NUL in the release", { environment: "p", release: "1\u0000" }, "release: has a NUL"],
    ["a lone surrogate", { environment: "p\ud800", release: "1" }, "environment: has a NUL or an unpaired surrogate"],
    ["a bad status", { environment: "p", release: "1", status: "done" }, "status: must be success"],
    ["a bad time", { environment: "p", release: "1", finishedAt: "yesterday" }, "finishedAt: must be an ISO 8601"],
    ["a non-http url", { environment: "p", release: "1", url: "javascript:alert(1)" }, "url: must be an http(s) URL"],
    ["an array", [], "body must be a JSON object"],
    ["not JSON", "{release:", "body is not valid JSON"],
    ["10,000-deep JSON", "[".repeat(10_000), "deeper than"],
  ])("answers 400 naming the field for %s", async (_name, body, error) => {
    const { post } = await workspaceWithToken();
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect((answer.body as { error: string }).error).toContain(error);
  });

  it("answers 413 for a body over 64 KiB", async () => {
    const { token } = await workspaceWithToken();
    const answer = await core.receiveDeployment(`Bearer ${token}`, new Uint8Array(core.MAX_DEPLOYMENT_BYTES + 1));
    expect(answer.status).toBe(413);
  });
});

describe("linking observations and deployments", () => {
  it("links whichever arrives first, in several environments, and leaves an unknown release alone", async () => {
    const { workspace, post } = await workspaceWithToken();
    const early = await observeRelease(workspace.id, "shop@2.0.0", "production");
    const unknown = await observeRelease(workspace.id, "shop@9.9.9", "production");
    const production = (await post({ environment: "production", release: "shop@2.0.0" })).body as { id: string };
    const staging = (await post({ environment: "staging", release: "shop@2.0.0" })).body as { id: string };
    await core.linkReleases({ observationIds: [], deploymentIds: [production.id, staging.id] });
    const late = await observeRelease(workspace.id, "shop@2.0.0", "staging");
    await core.linkReleases({ observationIds: [late], deploymentIds: [] });

    expect(await linkedReleases(workspace.id, early)).toEqual(["production:shop@2.0.0", "staging:shop@2.0.0"]);
    expect(await linkedReleases(workspace.id, late)).toEqual(["production:shop@2.0.0", "staging:shop@2.0.0"]);
    expect(await linkedReleases(workspace.id, unknown)).toEqual([]);
  });

  it("links a release that is itself a commit SHA (full, short, or name@sha) to the deployment of that commit", async () => {
    const { workspace, post } = await workspaceWithToken();
    const sha = "0123456789abcdef0123456789abcdef01234567";
    await post({ environment: "production", release: "build-77", commit: sha });
    const full = await observeRelease(workspace.id, sha, "production");
    const short = await observeRelease(workspace.id, sha.slice(0, 12), "production");
    const named = await observeRelease(workspace.id, `web@${sha.slice(0, 7)}`, "production");
    const other = await observeRelease(workspace.id, "fedcba9", "production");
    await core.linkReleases({ observationIds: [full, short, named, other], deploymentIds: [] });
    for (const id of [full, short, named])
      expect(await linkedReleases(workspace.id, id)).toEqual(["production:build-77"]);
    expect(await linkedReleases(workspace.id, other)).toEqual([]);
  });

  it("never links across workspaces", async () => {
    const a = await workspaceWithToken();
    const b = await workspaceWithToken();
    const observation = await observeRelease(a.workspace.id, "shared@1", "production");
    const deployment = (await b.post({ environment: "production", release: "shared@1" })).body as { id: string };
    await core.linkReleases({ observationIds: [observation], deploymentIds: [deployment.id] });
    expect(await linkedReleases(a.workspace.id, observation)).toEqual([]);
  });
});

describe("the suspect range", () => {
  const commits: Record<string, string> = {};
  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), "suture-range-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", work, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", ...args])
        .toString()
        .trim();
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    };
    git("init", "-q", "-b", "main");
    write("src/api/checkout.ts", "export const checkout = () => 1;\n");
    write("src/cart/total.ts", "export const total = 0;\n");
    git("add", "-A");
    git("commit", "-qm", "first");
    commits.first = git("rev-parse", "HEAD");
    write("README.md", "# shop\n");
    git("add", "-A");
    git("commit", "-qm", "docs: readme");
    write("src/api/checkout.ts", "export const checkout = (cart) => cart.items.length;\n");
    git("add", "-A");
    git("commit", "-qm", "checkout: count the cart's items\n\nReads cart.items, which can be undefined.");
    commits.third = git("rev-parse", "HEAD");
    const bare = `${work}.git`;
    execFileSync("git", ["clone", "-q", "--bare", work, bare]);
    github.repositories["acme/shop"] = bare;
  });

  it("reads the commits since the previous deployment of the environment, and marks the one that changed a frame's file", async () => {
    const { post } = await workspaceWithToken();
    const repositoryName = "acme/shop";
    await post({
      environment: "production",
      release: "1",
      commit: commits.first,
      repository: repositoryName,
      finishedAt: "2026-01-01T10:00:00Z",
    });
    // Staging in between does not start production's range.
    await post({
      environment: "staging",
      release: "2",
      commit: commits.third,
      repository: repositoryName,
      finishedAt: "2026-01-01T11:00:00Z",
    });
    const second = (
      await post({
        environment: "production",
        release: "2",
        commit: commits.third,
        repository: repositoryName,
        finishedAt: "2026-01-01T12:00:00Z",
      })
    ).body as { id: string };

    expect(await core.readSuspectRange(second.id)).toEqual({ status: "read", deploymentId: second.id, commits: 2 });
    const stored = await db.getDeployment(await getDb(), { id: second.id });
    // On the configured GitHub's web host (here the double's, as for a GitHub Enterprise Server).
    expect(stored?.compareUrl).toBe(
      `https://${new URL(github.url).host}/acme/shop/compare/${commits.first}...${commits.third}`,
    );
    expect(stored?.commits?.map((c) => [c.message.split("\n")[0], c.files])).toEqual([
      ["docs: readme", ["README.md"]],
      ["checkout: count the cart's items", ["src/api/checkout.ts"]],
    ]);
    const suspects = core.suspectCommits(stored!.commits!, ["src/api/checkout.ts", "src/cart/total.ts"]);
    expect(suspects.map((s) => [s.sha, s.touched])).toEqual([[commits.third, ["src/api/checkout.ts"]]]);
  });

  it("says why when there is no range: the first deployment, no commit, GitHub not knowing the commit", async () => {
    const { post } = await workspaceWithToken();
    const first = (
      await post({
        environment: "production",
        release: "1",
        commit: commits.first,
        repository: "acme/shop",
        finishedAt: "2026-01-01T10:00:00Z",
      })
    ).body as { id: string };
    expect(await core.readSuspectRange(first.id)).toMatchObject({
      status: "unavailable",
      reason: expect.stringContaining("first deployment"),
    });
    const bare = (await post({ environment: "production", release: "2", finishedAt: "2026-01-01T11:00:00Z" })).body as {
      id: string;
    };
    expect(await core.readSuspectRange(bare.id)).toMatchObject({
      reason: expect.stringContaining("a commit is not recorded"),
    });
    const unknown = (
      await post({
        environment: "production",
        release: "3",
        commit: "f".repeat(40),
        repository: "acme/shop",
        finishedAt: "2026-01-01T12:00:00Z",
      })
    ).body as { id: string };
    // The previous deployment (release 2) has no commit.
    expect(await core.readSuspectRange(unknown.id)).toMatchObject({
      reason: expect.stringContaining("a commit is not recorded"),
    });
    const gone = (
      await post({
        environment: "production",
        release: "4",
        commit: "e".repeat(40),
        repository: "acme/shop",
        finishedAt: "2026-01-01T13:00:00Z",
      })
    ).body as { id: string };
    const outcome = await core.readSuspectRange(gone.id);
    expect(outcome).toMatchObject({
      status: "unavailable",
      reason: expect.stringContaining("GitHub could not compare"),
    });
    expect((await db.getDeployment(await getDb(), { id: gone.id }))?.commitsError).toContain("(404)");
  });
});

describe("a deployment whose announcement was lost", () => {
  it("is found by the sweeper until its range is stored, then no longer", async () => {
    const { post } = await workspaceWithToken();
    const unread = (await post({ environment: "production", release: "lost-1", commit: "a".repeat(40) })).body as {
      id: string;
    };
    const failed = (
      await post({ environment: "production", release: "lost-2", commit: "b".repeat(40), status: "failure" })
    ).body as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ids = async () => (await core.deploymentsAwaitingRange(0)).map((d) => d.deploymentId);
    expect(await ids()).toContain(unread.id);
    expect(await ids()).not.toContain(failed.id);
    // Not yet: the grace period has not passed for a deployment recorded a moment ago.
    expect((await core.deploymentsAwaitingRange(3600)).map((d) => d.deploymentId)).not.toContain(unread.id);
    await core.readSuspectRange(unread.id);
    expect(await ids()).not.toContain(unread.id);
  });
});

describe("GitHub deployment_status", () => {
  const payload = (state: string, sha: string, environment = "production") => ({
    action: "created",
    deployment_status: { state, environment_url: "https://shop.example.com", created_at: "2026-02-01T09:00:00Z" },
    deployment: { sha, ref: "main", environment, payload: {}, created_at: "2026-02-01T08:59:00Z" },
    repository: repository("acme", "storefront"),
  });

  it("records a successful deployment in every workspace that connected the repository, and ignores the rest", async () => {
    const { workspace } = await workspaceWithToken();
    await db.insertRepository(await getDb(), {
      workspaceId: workspace.id,
      owner: "Acme",
      name: "storefront",
      cloneUrl: "https://github.com/acme/storefront.git",
    });
    const sha = "1234567890abcdef1234567890abcdef12345678";
    expect(await deliver("deployment_status", payload("success", sha))).toMatchObject({
      status: "recorded",
      workspaceIds: [workspace.id],
    });
    const rows = await (
      await getDb()
    ).query.deployments.findMany({ where: (d, { eq }) => eq(d.workspaceId, workspace.id) });
    expect(rows).toEqual([
      expect.objectContaining({
        release: sha,
        commitSha: sha,
        environment: "production",
        repository: "acme/storefront",
        source: "github",
        url: "https://shop.example.com",
        deployedAt: new Date("2026-02-01T09:00:00Z"),
      }),
    ]);
    expect(await deliver("deployment_status", payload("failure", sha))).toMatchObject({ status: "ignored" });
    const elsewhere = { ...payload("success", sha), repository: repository("acme", "nobody-connected") };
    expect(await deliver("deployment_status", elsewhere)).toMatchObject({
      status: "ignored",
      reason: "no workspace connected acme/nobody-connected",
    });
  });
});

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeploymentCommit, ensureWorkspace, insertRepository, upsertSentryIssue } from "@suture/db";
import { deployments, observations, webhookDeliveries } from "@suture/db/schema";
import { fixturePath } from "@suture/sentry/fixtures";
import { getDeploymentsPage, getIssuePage, parseDeploymentsQuery, type WorkspaceScope } from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";

afterAll(() => closeDb());

const NOW = new Date("2026-06-01T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const scopeOf = (workspace: { id: string; slug: string; name: string }): WorkspaceScope => ({
  workspaceId: workspace.id,
  slug: workspace.slug,
  name: workspace.name,
  role: "viewer",
  user: { id: "u-deploys", email: "deploys@example.com", name: "Deploys" },
});

const COMMITS: DeploymentCommit[] = [
  {
    sha: "1111111aaaaaaa",
    message: "Update the readme\n\nNothing to see.",
    author: "Ana",
    url: "https://github.com/acme/checkout/commit/1111111aaaaaaa",
    files: ["README.md"],
  },
  {
    sha: "2222222bbbbbbb",
    message: "Raise on an empty cart\n\nThe checkout must not go on.",
    author: "Bo",
    url: "javascript:alert(1)",
    files: ["src/main.py", "src/cart.py"],
  },
];

let scope: WorkspaceScope;
let other: WorkspaceScope;
const issues: Record<string, string> = {};
const deploys: Record<string, string> = {};
let sequence = 0;

async function observe(
  workspaceId: string,
  issueId: string,
  at: Date,
  extra: { environment?: string; release?: string; body?: string } = {},
) {
  const db = await getDb();
  const n = sequence++;
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({
      resource: "error",
      action: "created",
      dedupKey: `deploys-test-${n}`,
      headers: {},
      rawBody: extra.body ?? "{}",
      status: "processed",
      workspaceId,
    })
    .returning({ id: webhookDeliveries.id });
  if (!delivery) throw new Error("no delivery");
  await db.insert(observations).values({
    workspaceId,
    deliveryId: delivery.id,
    sentryIssueId: issueId,
    sourceType: "error.created",
    sourceId: `deploys-obs-${n}`,
    title: `observation ${n}`,
    body: "",
    occurredAt: at,
    release: extra.release ?? null,
    environment: extra.environment ?? null,
  });
}

async function deploy(
  key: string,
  values: Omit<typeof deployments.$inferInsert, "workspaceId">,
  workspaceId = scope.workspaceId,
) {
  const db = await getDb();
  const [row] = await db
    .insert(deployments)
    .values({ workspaceId, ...values })
    .returning({ id: deployments.id });
  if (!row) throw new Error("no deployment");
  deploys[key] = row.id;
}

async function issue(key: string, workspaceId = scope.workspaceId): Promise<string> {
  const id = await upsertSentryIssue(await getDb(), {
    workspaceId,
    sentryIssueId: `deploys-${key}`,
    shortId: `CHK-${key.toUpperCase()}`,
    title: `${key} failed`,
  });
  issues[key] = id;
  return id;
}

beforeAll(async () => {
  const db = await getDb();
  const a = await ensureWorkspace(db, { slug: "deploys-a" });
  const b = await ensureWorkspace(db, { slug: "deploys-b" });
  scope = scopeOf(a);
  other = scopeOf(b);
  await insertRepository(db, {
    workspaceId: a.id,
    owner: "acme",
    name: "checkout",
    cloneUrl: "https://github.com/acme/checkout.git",
    codeMappings: [{ stackRoot: "/Users/user/test/", sourceRoot: "src/" }],
  });
  const base = { repository: "acme/checkout", source: "github" };
  await deploy("prod-240", {
    ...base,
    release: "checkout-api@2.4.0",
    environment: "production",
    commitSha: "aaaa000",
    deployedAt: hoursAgo(48),
  });
  // Staging got 2.4.1 first; a failed production attempt came before the successful one.
  await deploy("staging-241", {
    ...base,
    release: "checkout-api@2.4.1",
    environment: "staging",
    commitSha: "bbbb111",
    deployedAt: hoursAgo(30),
  });
  await deploy("prod-241-failed", {
    ...base,
    release: "checkout-api@2.4.1",
    environment: "production",
    commitSha: "bbbb000",
    status: "failure",
    deployedAt: hoursAgo(26),
  });
  await deploy("prod-241", {
    ...base,
    release: "checkout-api@2.4.1",
    environment: "production",
    commitSha: "bbbb111",
    deployedAt: hoursAgo(24),
    previousDeploymentId: deploys["prod-240"],
    compareUrl: "https://github.com/acme/checkout/compare/aaaa000...bbbb111",
    commits: COMMITS,
  });
  await deploy("prod-242", {
    ...base,
    release: "checkout-api@2.4.2",
    environment: "production",
    deployedAt: hoursAgo(2),
    commitsError: "no GitHub access to acme/checkout",
  });
  // Another workspace shipped the same release: none of it may show here.
  await deploy("theirs", { release: "checkout-api@2.4.1", environment: "production", deployedAt: hoursAgo(25) }, b.id);

  const body = readFileSync(fixturePath("error.created.json"), "utf8");
  // The crash: first seen in 2.4.1 in production, later in 2.4.2 too.
  await observe(a.id, await issue("crash"), hoursAgo(20), {
    body,
    release: "checkout-api@2.4.1",
    environment: "production",
  });
  await observe(a.id, issues.crash ?? "", hoursAgo(1), {
    body,
    release: "checkout-api@2.4.2",
    environment: "production",
  });
  // No environment: the release's first deployment anywhere (staging).
  await observe(a.id, await issue("anywhere"), hoursAgo(10), { release: "checkout-api@2.4.1" });
  // First seen before 2.4.1 shipped: 2.4.0 introduced it, even though it is seen in 2.4.1 now.
  await observe(a.id, await issue("older"), hoursAgo(40), { release: "checkout-api@2.4.0", environment: "production" });
  await observe(a.id, issues.older ?? "", hoursAgo(5), { release: "checkout-api@2.4.1", environment: "production" });
  await observe(a.id, await issue("unknown"), hoursAgo(3), { release: "mystery@9", environment: "production" });
  await observe(a.id, await issue("bare"), hoursAgo(3));
  for (let i = 0; i < 6; i++)
    await observe(a.id, await issue(`bulk${i}`), hoursAgo(19 - i), {
      release: "checkout-api@2.4.1",
      environment: "production",
    });
  await observe(b.id, await issue("theirs", b.id), hoursAgo(20), {
    release: "checkout-api@2.4.1",
    environment: "production",
  });
});

async function deploymentOf(key: string) {
  const page = await getIssuePage(scope, issues[key] ?? "");
  if (page.status !== "found") throw new Error(`${key} not found`);
  return page.deployment;
}

describe("an issue's release and deployment", () => {
  it("is the first successful deployment of the first release, in the observation's environment, with suspects", async () => {
    const shown = await deploymentOf("crash");
    if (shown.status !== "deployed") throw new Error(shown.status);
    expect(shown.release).toBe("checkout-api@2.4.1");
    expect(shown.deployment).toMatchObject({
      id: deploys["prod-241"],
      environment: "production",
      shortSha: "bbbb111",
      commitUrl: "https://github.com/acme/checkout/commit/bbbb111",
      compareUrl: "https://github.com/acme/checkout/compare/aaaa000...bbbb111",
      source: "github",
      commitCount: 2,
    });
    expect(shown.previous).toEqual({ release: "checkout-api@2.4.0", shortSha: "aaaa000" });
    // Only the commit that changed the crashing frame's file (src/main.py through the code mapping).
    expect(shown.suspects).toEqual([
      {
        sha: "2222222bbbbbbb",
        shortSha: "2222222",
        title: "Raise on an empty cart",
        author: "Bo",
        url: null,
        touched: ["src/main.py"],
      },
    ]);
  });

  it("takes any environment's first deployment when the observation has none, and the first release seen", async () => {
    const anywhere = await deploymentOf("anywhere");
    expect(anywhere.status === "deployed" && anywhere.deployment.id).toBe(deploys["staging-241"]);
    const older = await deploymentOf("older");
    expect(older.status === "deployed" && older.deployment.id).toBe(deploys["prod-240"]);
    expect(older.status === "deployed" && older.suspects).toEqual([]);
  });

  it("says when the release has no deployment, or the issue no release", async () => {
    expect(await deploymentOf("unknown")).toEqual({
      status: "not_deployed",
      release: "mystery@9",
      environment: "production",
    });
    expect(await deploymentOf("bare")).toEqual({ status: "no_release" });
  });
});

describe("the deployments timeline", () => {
  it("lists each environment newest first with the issues each deployment introduced", async () => {
    const page = await getDeploymentsPage(scope, {});
    expect(page.timelines.map((t) => t.environment)).toEqual(["production", "staging"]);
    const [production, staging] = page.timelines;
    expect(production?.deployments.map((d) => d.id)).toEqual([
      deploys["prod-242"],
      deploys["prod-241"],
      deploys["prod-241-failed"],
      deploys["prod-240"],
    ]);
    const [d242, d241, failed, d240] = production?.deployments ?? [];
    expect(d242?.introduced).toEqual({ total: 0, issues: [] });
    expect(d242?.commitsError).toBe("no GitHub access to acme/checkout");
    expect(d241?.introduced.total).toBe(7);
    expect(d241?.introduced.issues.map((i) => i.shortId)).toEqual([
      "CHK-CRASH",
      "CHK-BULK0",
      "CHK-BULK1",
      "CHK-BULK2",
      "CHK-BULK3",
    ]);
    expect(d241?.commitCount).toBe(2);
    expect(failed?.status).toBe("failure");
    expect(failed?.introduced.total).toBe(0);
    expect(d240?.introduced.issues.map((i) => i.shortId)).toEqual(["CHK-OLDER"]);
    expect(staging?.deployments.map((d) => [d.id, d.introduced.total])).toEqual([[deploys["staging-241"], 1]]);
    expect(production?.olderCursor).toBeNull();
  });

  it("shows one environment on its own, and never another workspace's deployments", async () => {
    const query = parseDeploymentsQuery({ environment: "staging" });
    expect(query).toEqual({ environment: "staging", before: null });
    const staging = await getDeploymentsPage(scope, query);
    expect(staging.single).toBe(true);
    expect(staging.timelines.map((t) => t.deployments.length)).toEqual([1]);
    expect(parseDeploymentsQuery({ environment: "" }).environment).toBeNull();

    const theirs = await getDeploymentsPage(other, {});
    expect(theirs.timelines.flatMap((t) => t.deployments.map((d) => [d.id, d.introduced.total]))).toEqual([
      [deploys.theirs, 1],
    ]);
    const empty = await getDeploymentsPage(scopeOf(await ensureWorkspace(await getDb(), { slug: "deploys-none" })), {});
    expect(empty.timelines).toEqual([]);
  });
});

describe("a release that is itself a commit SHA", () => {
  it("is introduced by the deployment of that commit, on the issue page and the timeline alike", async () => {
    const db = await getDb();
    const c = await ensureWorkspace(db, { slug: "deploys-sha" });
    const shaScope = scopeOf(c);
    await deploy(
      "sha-300",
      {
        release: "shop@3.0.0",
        environment: "production",
        commitSha: "cccc2222aaaa4444",
        repository: "acme/shop",
        source: "api",
        deployedAt: hoursAgo(6),
      },
      c.id,
    );
    // Sentry's release is the short SHA of the deployed commit, not the deployment's release name.
    await observe(c.id, await issue("sha", c.id), hoursAgo(4), { release: "shop@CCCC222", environment: "production" });
    await observe(c.id, await issue("other-sha", c.id), hoursAgo(4), { release: "dddd333", environment: "production" });

    const page = await getIssuePage(shaScope, issues.sha ?? "");
    if (page.status !== "found") throw new Error(page.status);
    expect(page.deployment).toMatchObject({ status: "deployed", deployment: { id: deploys["sha-300"] } });
    const timeline = await getDeploymentsPage(shaScope, {});
    expect(timeline.timelines.flatMap((t) => t.deployments.map((d) => [d.id, d.introduced]))).toEqual([
      [deploys["sha-300"], { total: 1, issues: [expect.objectContaining({ shortId: "CHK-SHA" })] }],
    ]);
  });
});

// GitHub's side of a test: the REST double, a signed-webhook secret, and a stand-in for the
// Inngest executor that records what the domain functions send. Import it before anything
// that loads @suture/core: the environment must be in place when core reads it.
import { createServer } from "node:http";
import { startGithubDouble } from "@suture/github/test-support";
import { expect } from "vitest";
import { GITHUB_SECRET, githubDelivery } from "./github-deliveries.ts";

export const github = await startGithubDouble();
Object.assign(process.env, {
  GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
  GITHUB_TOKEN: "ghp_core_tests",
  GITHUB_API_URL: github.url,
});
export const core = await import("@suture/core");
export const { getDb, closeDb } = await import("@suture/core/database");
export const db = await import("@suture/db");

export const sent: { name: string; id?: string; data: Record<string, unknown> }[] = [];
const executor = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    const events = JSON.parse(body) as typeof sent;
    sent.push(...events);
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ ids: events.map((_, i) => `evt-${i}`), status: 200 }));
  });
});
await new Promise<void>((resolve) => executor.listen(Number(process.env.SUTURE_EXECUTOR_PORT), "127.0.0.1", resolve));

/** Stops recording: sends fail from now on, as with no executor running. */
export const stopExecutor = () => new Promise<void>((resolve) => executor.close(() => resolve()));

export async function closeHarness(): Promise<void> {
  if (executor.listening) await stopExecutor();
  await github.close();
  await closeDb();
}

let counter = 0;
/** A workspace, issue and repository with a run whose draft PR is open, made through the query helpers. */
export async function openRun(owner = "acme", name?: string) {
  const handle = await getDb();
  const n = ++counter;
  const repo = name ?? `api-${n}`;
  const workspace = await db.ensureWorkspace(handle, { slug: `gh-${n}` });
  const sentryIssueId = await db.upsertSentryIssue(handle, { workspaceId: workspace.id, sentryIssueId: `55000${n}` });
  const repository = await db.insertRepository(handle, {
    workspaceId: workspace.id,
    owner,
    name: repo,
    cloneUrl: `https://github.com/${owner}/${repo}.git`,
  });
  const at = { owner, repo, number: 100 + n, branch: `fix/sentry-GH-${n}`, sha: String(n).padStart(40, "a") };
  const run = await db.openFixRun(handle, {
    workspaceId: workspace.id,
    sentryIssueId,
    repositoryId: repository.id,
    status: "pr_open",
    branch: at.branch,
    headSha: at.sha,
    prNumber: at.number,
    prUrl: `https://github.com/${owner}/${repo}/pull/${at.number}`,
    prState: "draft",
  });
  return { run: run!, at, sentryIssueId, workspaceId: workspace.id };
}

/** Receives a signed delivery and processes it through the domain function, as the Inngest function does. */
export async function deliver(event: string, payload: unknown) {
  const d = await githubDelivery(event, payload);
  const stored = await core.receiveGithubWebhook(d.body, d.headers);
  expect(stored).toMatchObject({ status: "stored" });
  return core.handleGithubDelivery((stored as { deliveryId: string }).deliveryId);
}

export const runNow = async (id: string) => (await db.getFixRun(await getDb(), { id }))!;
export const timeline = async (id: string) =>
  (await db.listFixRunEvents(await getDb(), { fixRunId: id })).map((e) => e.kind);

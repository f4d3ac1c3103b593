// An open fix PR whose checks fail or whose review requests changes gets a repair: the agent
// works on the same branch and Suture pushes a second commit — through the real functions, the
// embedded executor, real git and the GitHub double.
import { execFileSync } from "node:child_process";
import { createSampleRepo, SAMPLE_APP, scriptedAgents } from "@suture/fixer/test-support";
import { githubDeliveryHeaders, signGithubPayload, startGithubDouble } from "@suture/github/test-support";
import { sampleAppDeliveries, startSentryDouble } from "@suture/sentry/test-support";
import { SECRET } from "./fixtures.ts";
import { listen, type Listening, startExecutor } from "./serve-harness.ts";
import type { Executor } from "@suture/inngest-local";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const WEBHOOK_SECRET = "github-webhook-secret-for-tests";
const sample = await createSampleRepo();
const github = await startGithubDouble({ repositories: { "acme/shop": sample.bareDir } });
const sentry = await startSentryDouble();
Object.assign(process.env, {
  GITHUB_TOKEN: "ghs_suture_test_token_never_for_the_agent",
  GITHUB_API_URL: github.url,
  GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
  SENTRY_AUTH_TOKEN: sentry.token,
  SENTRY_ORG: "acme",
  SENTRY_URL: sentry.url,
  SUTURE_AGENT: "command",
  SUTURE_AGENT_COMMAND: scriptedAgents.fixThenRepair,
});
const core = await import("@suture/core");
const { closeDb, getDb } = await import("@suture/core/database");
const { embeddedInngestKeys, functions, inngest } = await import("@suture/core/inngest");
const db = await import("@suture/db");

let app: Listening;
let exec: Executor;
let workspaceId: string;

beforeAll(async () => {
  app = await listen(serve({ client: inngest, functions }));
  exec = await startExecutor(`${app.origin}/api/inngest`, embeddedInngestKeys());
  const handle = await getDb();
  workspaceId = (await db.ensureWorkspace(handle, { slug: "default", name: "Default" })).id;
  const connected = await core.connectRepository({
    workspace: "default",
    repository: "acme/shop",
    cloneUrl: sample.cloneUrl,
    testCommand: SAMPLE_APP.testCommand,
    codeMappings: [{ stackRoot: "/app/", sourceRoot: "" }],
  });
  expect(connected.status).toBe("connected");
});

afterAll(async () => {
  await exec.stop();
  await app.close();
  await Promise.all([github.close(), sentry.close(), sample.cleanup()]);
  await closeDb();
});

const REPOSITORY = { name: "shop", full_name: "acme/shop", owner: { login: "acme" } };

async function setAutoRepairs(n: number): Promise<void> {
  await db.updateWorkspacePolicy(await getDb(), { workspaceId, values: { autoRepairIterations: n } });
}

/** A Sentry error → an approved run → its draft PR, as the fix pipeline makes it. */
async function openPullRequest(issueId: string, shortId: string) {
  const { issue, error } = sampleAppDeliveries(SAMPLE_APP, issueId, shortId, SECRET);
  for (const d of [issue, error]) {
    const stored = await core.receiveSentryWebhook(new TextEncoder().encode(d.body), new Headers(d.headers));
    if (stored.status !== "stored") throw new Error(JSON.stringify(stored));
    await core.announceSentryDelivery(stored.deliveryId);
  }
  await exec.idle(20_000);
  expect((await core.approveFixRun((await runOf(issueId)).id, "alice")).status).toBe("approved");
  await exec.idle(60_000);
  const run = await runOf(issueId);
  expect(run.status, `${run.reason}\n${await timeline(run.id)}`).toBe("pr_open");
  const pr = [...github.pulls.values()].find((p) => p.head.ref === run.branch)!;
  return { run, pr };
}

async function runOf(issueId: string) {
  const handle = await getDb();
  const issue = await handle.query.sentryIssues.findFirst({ where: (i, { eq }) => eq(i.sentryIssueId, issueId) });
  const runs = await handle.query.fixRuns.findMany({ where: (r, { eq }) => eq(r.sentryIssueId, issue!.id) });
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

const events = async (fixRunId: string) => db.listFixRunEvents(await getDb(), { fixRunId });
const timeline = async (fixRunId: string) => (await events(fixRunId)).map((e) => `${e.kind}: ${e.message}`).join("\n");

async function webhook(event: string, payload: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({ ...payload, repository: REPOSITORY });
  const headers = new Headers(
    githubDeliveryHeaders(event, crypto.randomUUID(), await signGithubPayload(WEBHOOK_SECRET, body)),
  );
  const received = await core.receiveGithubWebhook(new TextEncoder().encode(body), headers);
  expect(received.status).toBe("stored");
  await core.announceGithubDelivery((received as { deliveryId: string }).deliveryId);
  await exec.idle(60_000);
}

/** CI failed on `sha`: the double reports the check run, the webhook says the suite failed. */
async function failChecks(pr: { number: number; head: { ref: string } }, sha: string): Promise<void> {
  github.setChecks(sha, {
    checkRuns: [
      {
        name: "ci / test",
        status: "completed",
        conclusion: "failure",
        output: { title: "1 test failed", summary: "cart totals", text: "AssertionError: expected 4, got NaN" },
        annotations: [{ path: SAMPLE_APP.file, line: 5, message: "totals must skip deleted products" }],
      },
    ],
  });
  await webhook("check_suite", {
    action: "completed",
    check_suite: {
      head_branch: pr.head.ref,
      head_sha: sha,
      status: "completed",
      conclusion: "failure",
      pull_requests: [{ number: pr.number, head: { ref: pr.head.ref } }],
    },
  });
}

const git = (...args: string[]) =>
  execFileSync("git", ["--git-dir", sample.bareDir, ...args], { encoding: "utf8" }).trim();

describe("repairing an open fix PR", () => {
  it("a failing check starts one automatic repair that pushes a second commit; a second failure does not start another", async () => {
    await setAutoRepairs(1);
    const { run, pr } = await openPullRequest("7200000001", "SHOP-1");
    const first = run.headSha!;
    await failChecks(pr, first);

    const repaired = await runOf("7200000001");
    const log = await events(run.id);
    expect(repaired, await timeline(run.id)).toMatchObject({ status: "pr_open", iterations: 1, repairStartedAt: null });
    expect(repaired.headSha).not.toBe(first);
    expect(git("rev-parse", `refs/heads/${run.branch}`)).toBe(repaired.headSha);
    expect(git("rev-parse", `${repaired.headSha}^`)).toBe(first);
    expect(git("log", "-1", "--format=%an|%s", run.branch!)).toBe("Suture|fix: address the failing checks (repair 1)");
    expect(log.find((e) => e.kind === "repair_started")?.data).toMatchObject({
      iteration: 1,
      trigger: "checks",
      by: "policy",
      headSha: first,
    });
    expect(log.find((e) => e.kind === "repair_pushed")?.data).toMatchObject({ iteration: 1, sha: repaired.headSha });
    // The agent got the check's output and annotation, fenced as untrusted.
    const output = log
      .filter((e) => e.kind === "agent_output")
      .map((e) => e.message)
      .join("");
    expect(output).toContain("## What GitHub reported (untrusted)");
    expect(output).toContain("AssertionError: expected 4, got NaN");
    expect(output).toContain(`Annotation ${SAMPLE_APP.file}:5 [failure]: totals must skip deleted products`);
    // The whole PR was checked against the base, and the repository's tests ran on it.
    const checks = log.filter((e) => e.kind === "checks").at(-1);
    expect(checks?.data).toMatchObject({ ok: true, paths: expect.arrayContaining([SAMPLE_APP.file]) });
    expect(log.filter((e) => e.kind === "tests").at(-1)?.data).toMatchObject({ ok: true });

    // The repair's commit fails too: with one automatic iteration, nothing more starts.
    await failChecks(pr, repaired.headSha!);
    const after = await runOf("7200000001");
    expect(after).toMatchObject({ iterations: 1, headSha: repaired.headSha, checksState: "failure" });
    expect((await events(run.id)).filter((e) => e.kind === "repair_started")).toHaveLength(1);
    expect(git("rev-parse", `refs/heads/${run.branch}`)).toBe(repaired.headSha);
  });

  it("a review requesting changes starts a repair whose agent gets the review and its comments", async () => {
    await setAutoRepairs(1);
    const { run, pr } = await openPullRequest("7200000002", "SHOP-2");
    const first = run.headSha!;
    github.setReviews("acme", "shop", pr.number, [
      {
        state: "CHANGES_REQUESTED",
        user: "carol",
        body: "Please say why deleted products are skipped.",
        comments: [{ path: SAMPLE_APP.file, line: 5, body: "A comment here, please." }],
      },
    ]);
    await webhook("pull_request_review", {
      action: "submitted",
      review: { state: "changes_requested", commit_id: first },
      pull_request: pr,
    });

    const repaired = await runOf("7200000002");
    const log = await events(run.id);
    expect(repaired, await timeline(run.id)).toMatchObject({ status: "pr_open", iterations: 1 });
    expect(git("rev-parse", `${git("rev-parse", `refs/heads/${run.branch}`)}^`)).toBe(first);
    expect(git("rev-parse", `refs/heads/${run.branch}`)).toBe(repaired.headSha);
    expect(log.find((e) => e.kind === "repair_started")?.data).toMatchObject({ trigger: "review", by: "policy" });
    const output = log
      .filter((e) => e.kind === "agent_output")
      .map((e) => e.message)
      .join("");
    expect(output).toContain("Review by carol: changes requested");
    expect(output).toContain("Please say why deleted products are skipped.");
    expect(output).toContain(`Comment on ${SAMPLE_APP.file}:5:\nA comment here, please.`);
  });

  it("with repairs by hand, nothing starts until a person asks, and one repair at a time", async () => {
    await setAutoRepairs(0);
    const { run, pr } = await openPullRequest("7200000003", "SHOP-3");
    const first = run.headSha!;
    await failChecks(pr, first);
    expect(await runOf("7200000003")).toMatchObject({ iterations: 0, headSha: first, checksState: "failure" });
    expect((await events(run.id)).some((e) => e.kind === "repair_started")).toBe(false);

    const [asked, again] = await Promise.all([core.requestRepair(run.id, "alice"), core.requestRepair(run.id, "bob")]);
    expect([asked.status, again.status].sort()).toEqual(["conflict", "requested"]);
    await exec.idle(60_000);
    const repaired = await runOf("7200000003");
    expect(repaired, await timeline(run.id)).toMatchObject({ iterations: 1, repairStartedAt: null });
    expect(git("rev-parse", `${repaired.headSha}^`)).toBe(first);
    expect((await events(run.id)).find((e) => e.kind === "repair_started")?.data).toMatchObject({ trigger: "checks" });
    // Nothing failed on the new head: there is nothing to repair.
    expect(await core.requestRepair(run.id, "alice")).toMatchObject({ status: "conflict" });
  });
});

// Sentry → fix run → approve → agent → checks → push → draft PR → merge webhook → Sentry resolve,
// through the real functions, the embedded executor, real git and HTTP doubles of GitHub and Sentry.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSampleRepo, SAMPLE_APP, scriptedAgents } from "@suture/fixer/test-support";
import { githubDeliveryHeaders, signGithubPayload, startGithubDouble } from "@suture/github/test-support";
import { PERSONAL, sampleAppDeliveries, startSentryDouble } from "@suture/sentry/test-support";
import { SECRET } from "./fixtures.ts";
import { listen, type Listening, startExecutor } from "./serve-harness.ts";
import type { Executor } from "@suture/inngest-local";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const WEBHOOK_SECRET = "github-webhook-secret-for-tests";
const sample = await createSampleRepo();
const github = await startGithubDouble({ repositories: { "acme/shop": sample.bareDir } });
const sentry = await startSentryDouble();
// Slack's incoming webhook, as a real HTTP server that keeps what it was sent.
const slackMessages: unknown[] = [];
const slack = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    slackMessages.push(JSON.parse(body));
    res.end("ok");
  });
});
await new Promise<void>((resolve) => slack.listen(0, "127.0.0.1", resolve));
Object.assign(process.env, {
  GITHUB_TOKEN: "ghs_suture_test_token_never_for_the_agent",
  GITHUB_API_URL: github.url,
  GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
  SENTRY_AUTH_TOKEN: sentry.token,
  SENTRY_ORG: "acme",
  SENTRY_URL: sentry.url,
  SUTURE_RESOLVE_ON_MERGE: "1",
  SUTURE_AGENT: "command",
  SUTURE_AGENT_COMMAND: scriptedAgents.fix,
  SLACK_WEBHOOK_URL: `http://127.0.0.1:${(slack.address() as AddressInfo).port}/hook`,
});
const core = await import("@suture/core");
const { closeDb, getDb } = await import("@suture/core/database");
const { embeddedInngestKeys, functions, inngest } = await import("@suture/core/inngest");
const db = await import("@suture/db");

let app: Listening;
let exec: Executor;

beforeAll(async () => {
  app = await listen(serve({ client: inngest, functions }));
  exec = await startExecutor(`${app.origin}/api/inngest`, embeddedInngestKeys());
  const handle = await getDb();
  await db.ensureWorkspace(handle, { slug: "default", name: "Default" });
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
  slack.close();
  await Promise.all([github.close(), sentry.close(), sample.cleanup()]);
  await closeDb();
});

async function deliver(issueId: string, shortId: string): Promise<void> {
  const { issue, error } = sampleAppDeliveries(SAMPLE_APP, issueId, shortId, SECRET);
  for (const d of [issue, error]) {
    const stored = await core.receiveSentryWebhook(new TextEncoder().encode(d.body), new Headers(d.headers));
    if (stored.status !== "stored") throw new Error(JSON.stringify(stored));
    await core.announceSentryDelivery(stored.deliveryId);
  }
  await exec.idle(20_000);
}

async function runOf(issueId: string) {
  const handle = await getDb();
  const issue = await handle.query.sentryIssues.findFirst({ where: (i, { eq }) => eq(i.sentryIssueId, issueId) });
  const runs = await handle.query.fixRuns.findMany({ where: (r, { eq }) => eq(r.sentryIssueId, issue!.id) });
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

const git = (...args: string[]) =>
  execFileSync("git", ["--git-dir", sample.bareDir, ...args], { encoding: "utf8" }).trim();

describe("a Sentry error becomes a reviewed draft PR", () => {
  it("goes from webhook to merged, with the agent never holding a credential", async () => {
    await deliver("7100000001", "SHOP-1");
    const waiting = await runOf("7100000001");
    expect(waiting.status).toBe("awaiting_approval");

    const decision = await core.approveFixRun(waiting.id, "alice");
    expect(decision.status).toBe("approved");
    await exec.idle(60_000);

    const run = await runOf("7100000001");
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: run.id });
    expect(run.status, `${run.reason}\n${events.map((e) => `${e.kind}: ${e.message}`).join("\n")}`).toBe("pr_open");
    // The agent (which exits 3 if it sees a secret) ran, and the repository's tests passed.
    expect(events.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        "started",
        "context",
        "checkout",
        "prompt",
        "agent",
        "checks",
        "tests",
        "red_green",
        "pushed",
        "pr_opened",
      ]),
    );
    expect(events.find((e) => e.kind === "prompt")?.data).toMatchObject({
      paths: expect.arrayContaining([SAMPLE_APP.file]),
    });

    // The branch is in the repository, committed by Suture, with the fix and a regression test.
    expect(run.branch).toBe("fix/sentry-SHOP-1");
    expect(git("rev-parse", "refs/heads/fix/sentry-SHOP-1")).toBe(run.headSha);
    expect(git("log", "-1", "--format=%an <%ae>|%s", "fix/sentry-SHOP-1")).toMatch(
      /^Suture <.+>\|fix: TypeError: .+ \(SHOP-1\)$/,
    );
    const files = git("diff", "--name-only", `${sample.headSha}`, "fix/sentry-SHOP-1").split("\n");
    expect(files).toEqual(expect.arrayContaining([SAMPLE_APP.file]));
    expect(files.some((f) => f.startsWith("test/"))).toBe(true);

    // A draft PR with the label, the review warning, and none of the user's data.
    const pr = [...github.pulls.values()].find((p) => p.head.ref === "fix/sentry-SHOP-1")!;
    expect(pr).toMatchObject({ draft: true, state: "open", base: { ref: "main" } });
    expect(pr.labels.map((l: { name: string }) => l.name)).toContain("suture");
    expect(pr.body).toMatch(/requires human review/i);
    expect(pr.body).toContain(
      "## Regression test\n\n`test/cart-missing-product.test.js` fails without the fix and passes with it.",
    );
    expect(pr.body).toContain("SHOP-1");
    for (const secret of Object.values(PERSONAL)) {
      expect(pr.title).not.toContain(secret);
      expect(pr.body).not.toContain(secret);
    }
    expect(run).toMatchObject({ prNumber: pr.number, prUrl: pr.html_url, prState: "draft" });
    // The Sentry issue links to the PR (through the installation's external-issue API, else a comment).
    const link = sentry.requests.find(
      (r) => r.method === "POST" && /external-issues|\/issues\/7100000001\/comments/.test(r.path),
    );
    expect(JSON.stringify(link?.body)).toContain(pr.html_url);
    // Slack heard about it once, with the PR and none of the user's data; a retried notify is silent.
    expect(slackMessages).toHaveLength(1);
    expect(JSON.stringify(slackMessages[0])).toContain(pr.html_url);
    for (const secret of Object.values(PERSONAL)) expect(JSON.stringify(slackMessages[0])).not.toContain(secret);
    const linksBefore = sentry.requests.length;
    expect(await core.notifyFix(run.id)).toEqual({ slack: "sent", sentry: "already_linked" });
    expect(slackMessages).toHaveLength(1);
    expect(sentry.requests).toHaveLength(linksBefore);

    // GitHub says it was merged → the run is merged → Sentry resolves the issue in the next release.
    const payload = JSON.stringify({
      action: "closed",
      number: pr.number,
      pull_request: { ...pr, state: "closed", merged: true, merged_at: new Date().toISOString() },
      repository: { name: "shop", full_name: "acme/shop", owner: { login: "acme" } },
    });
    const headers = new Headers(
      githubDeliveryHeaders("pull_request", crypto.randomUUID(), await signGithubPayload(WEBHOOK_SECRET, payload)),
    );
    const received = await core.receiveGithubWebhook(new TextEncoder().encode(payload), headers);
    expect(received.status).toBe("stored");
    await core.announceGithubDelivery((received as { deliveryId: string }).deliveryId);
    await exec.idle(20_000);

    expect(await runOf("7100000001")).toMatchObject({ status: "merged", prState: "merged" });
    const resolve = sentry.requests.find((r) => r.method === "PUT" && r.path.includes("/issues/7100000001/"));
    expect(resolve?.body).toMatchObject({ status: "resolved", statusDetails: { inNextRelease: true } });
  });

  it("two approvals racing dispatch the run once", async () => {
    await deliver("7100000002", "SHOP-2");
    const waiting = await runOf("7100000002");
    const decisions = await Promise.all([
      core.approveFixRun(waiting.id, "alice"),
      core.approveFixRun(waiting.id, "bob"),
    ]);
    expect(decisions.map((d) => d.status).sort()).toEqual(["approved", "conflict"]);
    await exec.idle(60_000);
    const dispatches = exec
      .runs()
      .filter((r) => r.functionId === "suture-dispatch-fix-run" && r.eventIds.includes(`fix-approved-${waiting.id}`));
    expect(dispatches).toHaveLength(1);
    expect((await runOf("7100000002")).status).toBe("pr_open");
    expect(git("for-each-ref", "--format=%(refname:short)", "refs/heads/fix/sentry-SHOP-2*")).toBe("fix/sentry-SHOP-2");
  });

  it("works from the deployment that shipped the error: its commit checked out, its suspect commit in the prompt and the PR", async () => {
    // A second commit, deployed as shop@1.0.0 (the sample event's release), changes the crashing file.
    const work = execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim();
    const inWork = (...args: string[]) =>
      execFileSync("git", ["-C", work, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", ...args], {
        encoding: "utf8",
      }).trim();
    execFileSync("git", ["clone", "-q", sample.bareDir, work]);
    const file = `${work}/${SAMPLE_APP.file}`;
    execFileSync("sh", ["-c", `printf '// totals are computed per line\\n' >> "${file}"`]);
    execFileSync("sh", [
      "-c",
      `mkdir -p "${work}/.github" && printf '* @acme/platform\\nsrc/ @ana\\ntest/ @acme/qa\\n' > "${work}/.github/CODEOWNERS"`,
    ]);
    inWork("add", "-A");
    inWork("commit", "-qm", "cart: note how totals are computed");
    const deployed = inWork("rev-parse", "HEAD");
    inWork("push", "-q", "origin", "HEAD:refs/heads/release-1.0.0");
    const { workspaceId } = await runOfWorkspace();
    const common = { workspaceId, environment: "production", repository: "acme/shop", source: "api" as const };
    await core.recordDeployment({
      ...common,
      release: "shop@0.9.0",
      commitSha: sample.headSha,
      finishedAt: new Date(Date.now() - 3_600_000),
    });
    await core.recordDeployment({
      ...common,
      release: "shop@1.0.0",
      commitSha: deployed,
      finishedAt: new Date(Date.now() - 60_000),
    });
    await exec.idle(20_000);

    await deliver("7100000003", "SHOP-3");
    expect((await core.approveFixRun((await runOf("7100000003")).id, "alice")).status).toBe("approved");
    await exec.idle(60_000);
    const run = await runOf("7100000003");
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: run.id });
    expect(run.status, `${run.reason}\n${events.map((e) => `${e.kind}: ${e.message}`).join("\n")}`).toBe("pr_open");
    expect(events.find((e) => e.kind === "checkout")?.data).toMatchObject({ sha: deployed });
    expect(events.find((e) => e.kind === "deployment")?.data).toMatchObject({
      release: "shop@1.0.0",
      commitSha: deployed,
      commits: 1,
      suspects: [{ sha: deployed, message: "cart: note how totals are computed", touched: [SAMPLE_APP.file] }],
    });
    const pr = [...github.pulls.values()].find((p) => p.head.ref === "fix/sentry-SHOP-3")!;
    expect(pr.body).toContain("## Deployment");
    // The code owners of the changed files (src/cart.js, a test) are asked to review.
    expect(pr.requested_reviewers.map((r: { login: string }) => r.login)).toEqual(["ana"]);
    expect(pr.requested_teams.map((t: { slug: string }) => t.slug)).toEqual(["qa"]);
    expect(events.find((e) => e.kind === "reviewers")?.data).toEqual({ users: ["ana"], teams: ["qa"], note: null });
    expect(pr.body).toContain(
      `\`${deployed.slice(0, 12)}\` cart: note how totals are computed by Dev: changed \`${SAMPLE_APP.file}\``,
    );
  });
});

async function runOfWorkspace() {
  const workspace = await db.getWorkspaceBySlug(await getDb(), { slug: "default" });
  return { workspaceId: workspace!.id };
}

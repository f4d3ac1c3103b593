import { startSentryDouble } from "@suture/sentry/test-support";
import { afterAll, describe, expect, it, vi } from "vitest";
import { nextSeerStatus, seerStage, seerStopped } from "../src/seer/seer-stage.ts";
import { delivery } from "./fixtures.ts";

// Core reads its settings once, at import: point it at the Sentry double first.
const sentry = await startSentryDouble({ knownIssues: ["1170820242", "100", "200", "300", "402"] });
vi.stubEnv("SENTRY_AUTH_TOKEN", sentry.token);
vi.stubEnv("SENTRY_ORG", "acme");
vi.stubEnv("SENTRY_URL", sentry.url);
vi.stubEnv("SUTURE_RESOLVE_ON_MERGE", "1");
const core = await import("@suture/core");
const {
  receiveSentryWebhook,
  processDeliveries,
  recordSeerObservations,
  resolveMergedIssue,
  linkSentryIssue,
  dispatchViaSeer,
  sentryApi,
} = core;
const { getDb, closeDb } = await import("@suture/core/database");
const db = await import("@suture/db");

afterAll(async () => {
  await closeDb();
  await sentry.close();
});

const STEPS = [
  "root_cause_started",
  "root_cause_completed",
  "solution_started",
  "solution_completed",
  "coding_started",
  "coding_completed",
  "pr_created",
];

/** A Seer fixture for another run (and issue), stored and processed into an observation. */
async function seer(action: string, runId: number, issueId = "1170820242"): Promise<string> {
  const body = new TextDecoder()
    .decode(delivery(`seer.${action}.json`).body)
    .replace('"run_id":12345', `"run_id":${runId}`)
    .replace('"group_id":1170820242', `"group_id":${issueId}`);
  const d = delivery(`seer.${action}.json`, body);
  const stored = await receiveSentryWebhook(d.body, d.headers);
  const [outcome] = await processDeliveries([(stored as { deliveryId: string }).deliveryId]);
  return (outcome as { observationId: string }).observationId;
}

async function seerRun(runId: number) {
  const handle = await getDb();
  const workspace = await db.getWorkspaceBySlug(handle, { slug: "default" });
  const run = await db.findSeerRun(handle, { workspaceId: workspace!.id, seerRunId: String(runId) });
  return { run: run!, events: run ? await db.listFixRunEvents(handle, { fixRunId: run.id }) : [] };
}

describe("Seer stages", () => {
  it.each([
    ["root_cause_started", { origin: "seer", status: "root_cause" }, "root_cause"],
    ["solution_completed", { origin: "seer", status: "root_cause" }, "solution"],
    ["pr_ready_for_review", { origin: "seer", status: "coding" }, "pr_open"],
    ["root_cause_completed", { origin: "seer", status: "pr_open" }, "pr_open"],
    ["coding_started", { origin: "seer", status: "solution" }, "coding"],
    ["iteration_started", { origin: "seer", status: "solution" }, "solution"],
    ["pr_created", { origin: "seer", status: "merged" }, "merged"],
    ["solution_completed", { origin: "suture", status: "running" }, "running"],
    ["pr_created", { origin: "suture", status: "running" }, "pr_open"],
  ] as const)("%s on a %o run → %s", (action, run, expected) => {
    expect(nextSeerStatus(run, seerStage(action))).toBe(expected);
  });

  it.each([
    ["root_cause_completed", "root_cause", "root_cause"],
    ["root_cause_completed", "solution", "running"],
    ["solution_completed", "solution", "solution"],
    ["coding_completed", "code_changes", "coding"],
    ["coding_completed", "open_pr", "running"],
    ["solution_started", "solution", "running"],
  ] as const)("%s with Seer told to stop at %s: a run Suture dispatched → %s", (action, stoppingPoint, expected) => {
    const stopped = seerStopped(action, stoppingPoint);
    expect(nextSeerStatus({ origin: "suture", status: "running" }, seerStage(action), stopped)).toBe(expected);
  });
});

describe("recordSeerObservations", () => {
  it("follows one Seer run from root cause to pull request", async () => {
    const statuses: string[] = [];
    for (const action of STEPS) {
      const outcomes = await recordSeerObservations([await seer(action, 5001)]);
      expect(outcomes).toMatchObject([{ status: "recorded", created: action === "root_cause_started" }]);
      statuses.push((outcomes[0] as { runStatus: string }).runStatus);
    }
    expect(statuses).toEqual(["root_cause", "root_cause", "solution", "solution", "coding", "coding", "pr_open"]);
    const { run, events } = await seerRun(5001);
    expect(run).toMatchObject({
      origin: "seer",
      status: "pr_open",
      summary: "Woah wow there's a bug here.",
      prUrl: "https://github.com/owner/repo/pull/123",
      prNumber: 123,
      seerDetails: {
        rootCause: "Woah wow there's a bug here.",
        solution: "Definitely need to fix this.",
        changes: [{ repo: "my-app", title: "fix: Initialize undefined variable" }],
        pullRequests: [{ url: "https://github.com/owner/repo/pull/123", number: 123 }],
        steps: STEPS,
      },
    });
    expect(events.map((e) => e.kind)).toEqual(STEPS.map((s) => `seer_${s}`));
    const issue = await db.getSentryIssue(await getDb(), { workspaceId: run.workspaceId, id: run.sentryIssueId });
    expect(issue?.sentryIssueId).toBe("1170820242");
  });

  it("never moves a run backwards when deliveries arrive out of order", async () => {
    const ids = [
      await seer("pr_created", 5002),
      await seer("root_cause_completed", 5002),
      await seer("coding_started", 5002),
    ];
    const outcomes = [];
    for (const id of ids) outcomes.push(...(await recordSeerObservations([id])));
    expect(outcomes.map((o) => (o as { runStatus: string }).runStatus)).toEqual(["pr_open", "pr_open", "pr_open"]);
    const { run } = await seerRun(5002);
    // The late root cause still fills in what it knows.
    expect(run).toMatchObject({
      status: "pr_open",
      summary: "Woah wow there's a bug here.",
      prUrl: "https://github.com/owner/repo/pull/123",
    });
  });

  it("records each step once however often it is handed over, even concurrently", async () => {
    const ids: string[] = [];
    for (const action of STEPS) ids.push(await seer(action, 5003));
    const shuffled = [...ids].reverse();
    const results = await Promise.all([
      recordSeerObservations(shuffled),
      recordSeerObservations(ids),
      recordSeerObservations([...ids, ...ids]),
    ]);
    expect(results.flat().filter((o) => o.status === "recorded")).toHaveLength(STEPS.length);
    expect(await recordSeerObservations(ids)).toSatisfy((again: { status: string }[]) =>
      again.every((o) => o.status === "skipped"),
    );
    const { run, events } = await seerRun(5003);
    expect(run.status).toBe("pr_open");
    expect(events.map((e) => e.kind).sort()).toEqual(STEPS.map((s) => `seer_${s}`).sort());
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("follows Seer's pull request through GitHub when it is in a connected repository", async () => {
    await core.connectRepository({ workspace: "default", repository: "acme/web" });
    const body = new TextDecoder()
      .decode(delivery("seer.pr_created.json").body)
      .replace('"run_id":12345', '"run_id":777001')
      .replace('"pr_number":123', '"pr_number":4242')
      .replace("https://github.com/owner/repo/pull/123", "https://github.com/Acme/web/pull/4242");
    const d = delivery("seer.pr_created.json", body);
    const stored = await receiveSentryWebhook(d.body, d.headers);
    const [outcome] = await processDeliveries([(stored as { deliveryId: string }).deliveryId]);
    await recordSeerObservations([(outcome as { observationId: string }).observationId]);
    const { run } = await seerRun(777001);
    expect(run).toMatchObject({ status: "pr_open", prNumber: 4242, repositoryId: expect.any(String) });

    const merged = await core.applyPullRequestUpdate({
      event: "pull_request",
      action: "closed",
      owner: "acme",
      repo: "web",
      prNumber: 4242,
      branch: null,
      headSha: null,
      prState: "merged",
    });
    expect(merged).toMatchObject({ status: "applied" });
    expect((await seerRun(777001)).run).toMatchObject({ status: "merged", prState: "merged" });
  });

  it("shows each of Seer's iterations on the run's timeline without moving the run", async () => {
    for (const action of STEPS) await recordSeerObservations([await seer(action, 5005)]);
    const started = await seer("iteration_started", 5005);
    const completed = await seer("iteration_completed", 5005);
    expect(await recordSeerObservations([started, completed])).toMatchObject([
      { status: "recorded", runStatus: "pr_open", created: false },
      { status: "recorded", runStatus: "pr_open", created: false },
    ]);
    // A second round of the same run, told apart by what Seer sent.
    const again = new TextDecoder()
      .decode(delivery("seer.iteration_started.json").body)
      .replace('"run_id":12345', '"run_id":5005,"iteration_index":2');
    const d = delivery("seer.iteration_started.json", again);
    const stored = await receiveSentryWebhook(d.body, d.headers);
    expect(stored).toMatchObject({ status: "stored", ignored: false });
    const [second] = await processDeliveries([(stored as { deliveryId: string }).deliveryId]);
    expect(await recordSeerObservations([(second as { observationId: string }).observationId])).toMatchObject([
      { status: "recorded" },
    ]);
    // A redelivered step is recorded once.
    expect(await recordSeerObservations([completed])).toMatchObject([{ status: "skipped" }]);

    const { run, events } = await seerRun(5005);
    expect(run).toMatchObject({ status: "pr_open", prNumber: 123 });
    expect(events.slice(STEPS.length).map((e) => [e.kind, e.message])).toEqual([
      ["seer_iteration_started", "🤖 Seer iteration started: issue 1170820242"],
      ["seer_iteration_completed", "🤖 Seer iteration completed: my-app#123"],
      ["seer_iteration_started", "🤖 Seer iteration started: issue 1170820242"],
    ]);
    const handle = await getDb();
    const workspace = (await db.getWorkspaceBySlug(handle, { slug: "default" }))!;
    const scope = {
      workspaceId: workspace.id,
      slug: "default",
      name: "default",
      role: "viewer" as const,
      user: { id: "u", email: "viewer@example.com", name: "Viewer" },
    };
    const page = await core.getFixRunPage(scope, run.id);
    if (page.status !== "found") throw new Error("the run page is not found");
    expect(page.events.filter((e) => e.kind.startsWith("seer_iteration_")).map((e) => e.data)).toEqual([
      expect.objectContaining({ action: "iteration_started", seerRunId: "5005" }),
      expect.objectContaining({ action: "iteration_completed", seerRunId: "5005" }),
      expect.objectContaining({ action: "iteration_started", seerRunId: "5005" }),
    ]);
    expect(page.stages.map((s) => `${s.key}:${s.state}`)).toEqual([
      "root_cause:done",
      "solution:done",
      "coding:done",
      "pr_open:done",
    ]);
  });

  it("ignores observations that are not Seer's", async () => {
    const d = delivery("issue.created.json");
    const stored = await receiveSentryWebhook(d.body, d.headers);
    const [outcome] = await processDeliveries([(stored as { deliveryId: string }).deliveryId]);
    expect(await recordSeerObservations([(outcome as { observationId: string }).observationId])).toEqual([]);
  });
});

describe("resolve on merge", () => {
  // Only a merged run's issue is resolved; these runs' PRs are merged as GitHub would report it.
  const merged = async (runId: number) => {
    const { run } = await seerRun(runId);
    return (await db.transitionFixRun(await getDb(), { id: run.id, from: [run.status], to: "merged" }))!;
  };

  it("resolves the run's issue in the next release", async () => {
    const run = await merged(5001);
    expect(await resolveMergedIssue(run.id)).toEqual({ status: "resolved", sentryIssueId: "1170820242" });
    expect(sentry.requests.at(-1)).toEqual({
      method: "PUT",
      path: "/api/0/organizations/acme/issues/1170820242/",
      body: { status: "resolved", statusDetails: { inNextRelease: true } },
    });
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: run.id });
    expect(events.at(-1)).toMatchObject({
      kind: "sentry_resolved",
      message: "Resolved Sentry issue 1170820242 in the next release",
    });
  });

  it("records Sentry's refusal on the run", async () => {
    await recordSeerObservations([await seer("root_cause_started", 5004, "404404")]);
    const run = await merged(5004);
    expect(await resolveMergedIssue(run.id)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("HTTP 404"),
    });
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: run.id });
    expect(events.at(-1)).toMatchObject({ kind: "sentry_resolve_failed", data: { httpStatus: 404 } });
    expect(JSON.stringify(events)).not.toContain(sentry.token);
  });
});

describe("linking the PR on Sentry", () => {
  it("links it through the workspace's installation", async () => {
    const { run } = await seerRun(5002);
    const result = await linkSentryIssue(run, "https://github.com/acme/checkout-api/pull/9", 9);
    expect(result).toEqual({ status: "linked", externalIssueId: "1" });
    expect(sentry.requests.at(-1)).toEqual({
      method: "POST",
      path: "/api/0/sentry-app-installations/a8e5d37a-696c-4c54-adb5-b3f28d64c7de/external-issues/",
      body: {
        issueId: 1170820242,
        webUrl: "https://github.com/acme/checkout-api/pull/9",
        project: "acme/checkout-api",
        identifier: "9",
      },
    });
  });

  it("comments when the workspace has no installation", async () => {
    const handle = await getDb();
    const workspace = await db.ensureWorkspace(handle, { slug: "no-install" });
    const issueId = await db.upsertSentryIssue(handle, { workspaceId: workspace.id, sentryIssueId: "100" });
    const run = await db.openFixRun(handle, { workspaceId: workspace.id, sentryIssueId: issueId, status: "pr_open" });
    expect(await linkSentryIssue(run!, "https://github.com/acme/web/pull/3", 3)).toMatchObject({ status: "commented" });
    expect(sentry.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/api/0/organizations/acme/issues/100/comments/",
      body: { text: expect.stringContaining("https://github.com/acme/web/pull/3") },
    });
  });
});

describe("dispatch via Seer", () => {
  async function approvedRun(sentryIssueId: string) {
    const handle = await getDb();
    const workspace = await db.ensureWorkspace(handle, { slug: "default" });
    const issueId = await db.upsertSentryIssue(handle, { workspaceId: workspace.id, sentryIssueId });
    const run = await db.openFixRun(handle, { workspaceId: workspace.id, sentryIssueId: issueId, status: "approved" });
    return run!;
  }
  const kinds = async (runId: string) =>
    (await db.listFixRunEvents(await getDb(), { fixRunId: runId })).map((e) => e.kind);

  it("does nothing unless the workspace's policy says so", async () => {
    const run = await approvedRun("100");
    expect(await dispatchViaSeer(run.id)).toEqual({
      status: "skipped",
      reason: "the workspace's policy does not dispatch via Seer",
    });
    expect(await db.getFixRun(await getDb(), { id: run.id })).toMatchObject({ status: "approved", seerRunId: null });
    await db.updateWorkspacePolicy(await getDb(), { workspaceId: run.workspaceId, values: { dispatchViaSeer: true } });
  });

  it("starts Autofix, keeps the Seer run id, and Seer's webhooks advance the same run", async () => {
    const run = await approvedRun("200");
    sentry.setAutofixRunId(6001);
    const result = await dispatchViaSeer(run.id);
    expect(result).toMatchObject({
      status: "started",
      seerRunId: "6001",
      fixRun: { id: run.id, status: "running", seerRunId: "6001" },
    });
    expect(sentry.requests.at(-1)).toEqual({
      method: "POST",
      path: "/api/0/organizations/acme/issues/200/autofix/",
      body: { stopping_point: "open_pr" },
    });
    expect(await kinds(run.id)).toEqual(["seer_started"]);
    // A second dispatch (a retried step) does not start Seer again.
    expect(await dispatchViaSeer(run.id)).toMatchObject({ status: "started", seerRunId: "6001" });
    expect(sentry.requests.filter((r) => r.path.endsWith("/200/autofix/"))).toHaveLength(1);

    const [rootCause] = await recordSeerObservations([await seer("root_cause_completed", 6001, "200")]);
    expect(rootCause).toMatchObject({ fixRunId: run.id, runStatus: "running", created: false });
    const [pr] = await recordSeerObservations([await seer("pr_created", 6001, "200")]);
    expect(pr).toMatchObject({ fixRunId: run.id, runStatus: "pr_open" });
    expect(await db.getFixRun(await getDb(), { id: run.id })).toMatchObject({
      origin: "suture",
      summary: "Woah wow there's a bug here.",
      prNumber: 123,
    });
  });

  it("takes over the run Seer's first webhook made before Autofix answered", async () => {
    await recordSeerObservations([await seer("root_cause_started", 6002, "300")]);
    const early = (await seerRun(6002)).run;
    expect(early.origin).toBe("seer");
    const run = await approvedRun("300");
    sentry.setAutofixRunId(6002);
    expect(await dispatchViaSeer(run.id)).toMatchObject({
      status: "started",
      fixRun: { id: run.id, seerRunId: "6002" },
    });
    expect(await db.getFixRun(await getDb(), { id: early.id })).toBeUndefined();
    expect(await kinds(run.id)).toEqual(["seer_started", "seer_root_cause_started"]);
  });

  it("fails the run with Sentry's reason when Autofix does not start", async () => {
    const run = await approvedRun("555");
    const result = await dispatchViaSeer(run.id);
    expect(result).toMatchObject({ status: "failed", error: expect.stringMatching(/^Seer did not start: .*HTTP 404/) });
    expect(await db.getFixRun(await getDb(), { id: run.id })).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("HTTP 404"),
    });
    expect(await kinds(run.id)).toEqual(["failed"]);
  });

  it("fails the run, saying so, when Sentry has no Seer budget left (402)", async () => {
    const run = await approvedRun("402");
    sentry.setAutofixFailure({ status: 402, body: { detail: "No budget for Seer Autofix." } });
    try {
      const reason =
        "Seer did not start: no Seer budget left for this organization (Sentry answered 402: No budget for Seer Autofix.)";
      expect(await dispatchViaSeer(run.id)).toEqual({ status: "failed", error: reason });
      expect(sentry.requests.at(-1)).toMatchObject({ path: "/api/0/organizations/acme/issues/402/autofix/" });
      expect(await db.getFixRun(await getDb(), { id: run.id })).toMatchObject({
        status: "failed",
        reason,
        seerRunId: null,
      });
      const events = await db.listFixRunEvents(await getDb(), { fixRunId: run.id });
      expect(events.map((e) => [e.kind, e.message])).toEqual([["failed", expect.stringContaining(reason)]]);
    } finally {
      sentry.setAutofixFailure(null);
    }
  });
});

describe("sentryApi()", () => {
  it("reads the recommended event of an issue with the configured token and org", async () => {
    const result = await sentryApi()!.recommendedEvent("100");
    expect(result).toMatchObject({ status: "ok", context: { errorType: "ForbiddenError", frames: expect.any(Array) } });
  });
});

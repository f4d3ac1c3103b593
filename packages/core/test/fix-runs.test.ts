import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delivery } from "./fixtures.ts";

const core = await import("@suture/core");
const { receiveSentryWebhook, processDeliveries, triageObservations, approveFixRun, rejectFixRun, connectRepository } =
  core;
const { getDb, closeDb } = await import("@suture/core/database");
const db = await import("@suture/db");

afterAll(() => closeDb());

let issueCounter = 9_100_000_000;
/** A fresh Sentry issue's delivery of the given fixture kind, processed into an observation. */
async function observe(
  name: "issue.created.json" | "issue.unresolved.json" | "error.created.json",
  issueId: string,
  extra = "",
): Promise<string> {
  const body = new TextDecoder()
    .decode(delivery(name).body)
    .replaceAll("6123456789", issueId)
    .replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", `${issueId}${extra}`.padEnd(32, "0"))
    .replace('"substatus":"regressed"', `"substatus":"regressed","n":"${extra}"`);
  const d = delivery(name, body);
  const stored = await receiveSentryWebhook(d.body, d.headers);
  const [outcome] = await processDeliveries([(stored as { deliveryId: string }).deliveryId]);
  return (outcome as { observationId: string }).observationId;
}

async function runsFor(issueId: string) {
  const handle = await getDb();
  const issue = await handle.query.sentryIssues.findFirst({ where: (i, { eq }) => eq(i.sentryIssueId, issueId) });
  return handle.query.fixRuns.findMany({ where: (r, { eq }) => eq(r.sentryIssueId, issue!.id) });
}

describe("triage before a repository is connected", () => {
  it("opens nothing", async () => {
    const id = String(issueCounter++);
    const [outcome] = await triageObservations([await observe("issue.created.json", id)]);
    expect(outcome).toMatchObject({ status: "skipped", reason: "no repository is connected to this workspace" });
  });
});

describe("triage", () => {
  beforeAll(async () => {
    await observe("issue.created.json", String(issueCounter++)); // makes the default workspace
    expect(await connectRepository({ workspace: "nope", repository: "acme/checkout" })).toMatchObject({
      status: "invalid",
    });
    expect(await connectRepository({ workspace: "default", repository: "not a repo" })).toMatchObject({
      status: "invalid",
      error: 'repository must be "owner/name"',
    });
    const connected = await connectRepository({
      workspace: "default",
      repository: "acme/checkout-api",
      testCommand: "pnpm test",
    });
    expect(connected).toMatchObject({ status: "connected" });
  });

  it("opens one run awaiting approval per issue, with a timeline", async () => {
    const id = String(issueCounter++);
    const [opened] = await triageObservations([await observe("issue.created.json", id)]);
    expect(opened).toMatchObject({ status: "opened", autoApproved: false, fixRun: { status: "awaiting_approval" } });
    const [again] = await triageObservations([await observe("error.created.json", id)]);
    expect(again).toMatchObject({ status: "skipped", reason: "the issue already has an active fix run" });
    const runs = await runsFor(id);
    expect(runs).toHaveLength(1);
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: runs[0]!.id });
    expect(events.map((e) => [e.seq, e.kind])).toEqual([[1, "triaged"]]);
  });

  it("lets one of two racing approvals win; the other learns the run is approved", async () => {
    const id = String(issueCounter++);
    const [opened] = await triageObservations([await observe("issue.created.json", id)]);
    const runId = (opened as { fixRun: { id: string } }).fixRun.id;
    const results = await Promise.all([approveFixRun(runId, "ana"), approveFixRun(runId, "ben")]);
    expect(results.map((r) => r.status).sort()).toEqual(["approved", "conflict"]);
    expect(results.find((r) => r.status === "conflict")).toMatchObject({
      current: "approved",
      error: expect.stringMatching(/is approved/),
    });
    const events = await db.listFixRunEvents(await getDb(), { fixRunId: runId });
    expect(events.map((e) => e.kind)).toEqual(["triaged", "approved"]);
    expect(await approveFixRun("00000000-0000-4000-8000-000000000000", "ana")).toMatchObject({ status: "not_found" });
  });

  it("after a rejection, opens nothing more until the issue regresses", async () => {
    const id = String(issueCounter++);
    const [opened] = await triageObservations([await observe("issue.created.json", id)]);
    const runId = (opened as { fixRun: { id: string } }).fixRun.id;
    expect(await rejectFixRun(runId, "ana", "not a code bug")).toMatchObject({
      status: "rejected",
      fixRun: { rejectedBy: "ana" },
    });
    expect(await approveFixRun(runId, "ben")).toMatchObject({ status: "conflict", current: "rejected" });
    const [later] = await triageObservations([await observe("error.created.json", id, "b")]);
    expect(later).toMatchObject({ status: "skipped", reason: expect.stringMatching(/rejected/) });
    const [regressed] = await triageObservations([await observe("issue.unresolved.json", id, "r")]);
    expect(regressed).toMatchObject({ status: "opened" });
    expect((await runsFor(id)).map((r) => r.status).sort()).toEqual(["awaiting_approval", "rejected"]);
  });

  it("approves by policy within thresholds and budgets, and stops at the budgets", async () => {
    const handle = await getDb();
    const workspace = await db.getWorkspaceBySlug(handle, { slug: "default" });
    await db.updateWorkspacePolicy(handle, {
      workspaceId: workspace!.id,
      values: {
        mode: "auto",
        maxDispatchesPerHour: 3,
        maxActiveRuns: 100,
      },
    });
    const approvedSoFar = await db.countFixRuns(handle, {
      workspaceId: workspace!.id,
      approvedSince: new Date(Date.now() - 3_600_000),
    });
    expect(approvedSoFar).toBe(1); // the race above
    const auto = await triageObservations([await observe("issue.created.json", String(issueCounter++))]);
    expect(auto[0]).toMatchObject({
      status: "opened",
      autoApproved: true,
      fixRun: { status: "approved", approvedBy: "policy" },
    });
    await triageObservations([await observe("issue.created.json", String(issueCounter++))]);
    const third = await triageObservations([await observe("issue.created.json", String(issueCounter++))]);
    expect(third[0]).toMatchObject({ status: "opened", autoApproved: false, fixRun: { status: "awaiting_approval" } });
    const manual = await approveFixRun((third[0] as { fixRun: { id: string } }).fixRun.id, "ana");
    expect(manual).toMatchObject({
      status: "over_budget",
      error: expect.stringMatching(/3 dispatches in the last hour/),
    });

    await db.updateWorkspacePolicy(handle, {
      workspaceId: workspace!.id,
      values: { mode: "manual", maxActiveRuns: 1 },
    });
    const blocked = await triageObservations([await observe("issue.created.json", String(issueCounter++))]);
    expect(blocked[0]).toMatchObject({ status: "skipped", reason: expect.stringMatching(/active runs \(limit 1\)/) });
    await db.updateWorkspacePolicy(handle, {
      workspaceId: workspace!.id,
      values: { maxActiveRuns: 1000, maxDispatchesPerHour: 1000 },
    });
  });

  it("decides a batch of several issues at once, each on its own issue's history", async () => {
    const [a, b, c] = [String(issueCounter++), String(issueCounter++), String(issueCounter++)];
    const [first] = await triageObservations([await observe("issue.created.json", b)]);
    await rejectFixRun((first as { fixRun: { id: string } }).fixRun.id, "ana", "not ours");
    const batch = [
      await observe("issue.created.json", a),
      await observe("error.created.json", b, "b2"),
      await observe("issue.created.json", c),
      await observe("error.created.json", c, "c2"),
    ];
    const outcomes = await triageObservations(batch);
    const byObservation = new Map(outcomes.map((o) => [o.observationId, o]));
    expect(outcomes).toHaveLength(4);
    expect(byObservation.get(batch[0]!)).toMatchObject({ status: "opened" });
    expect(byObservation.get(batch[1]!)).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/rejected/),
    });
    expect(byObservation.get(batch[2]!)).toMatchObject({ status: "opened" });
    expect(byObservation.get(batch[3]!)).toMatchObject({
      status: "skipped",
      reason: "same issue as another observation in this batch",
    });
    expect((await runsFor(a)).map((r) => r.status)).toEqual(["awaiting_approval"]);
    expect((await runsFor(b)).map((r) => r.status)).toEqual(["rejected"]);
    expect((await runsFor(c)).map((r) => r.status)).toEqual(["awaiting_approval"]);
  });

  it("an error storm of 10,000 deliveries for one issue opens exactly one run", async () => {
    const id = String(issueCounter++);
    const template = new TextDecoder().decode(delivery("error.created.json").body).replaceAll("6123456789", id);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const d = delivery(
        "error.created.json",
        template.replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", `storm${String(i).padStart(27, "0")}`),
      );
      ids.push(((await receiveSentryWebhook(d.body, d.headers)) as { deliveryId: string }).deliveryId);
    }
    const observationIds: string[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      for (const o of await processDeliveries(ids.slice(i, i + 100)))
        observationIds.push((o as { observationId: string }).observationId);
    }
    expect(observationIds).toHaveLength(10_000);
    // Batches triaged four at a time, as concurrent runs would.
    const batches = Array.from({ length: 100 }, (_, i) => observationIds.slice(i * 100, i * 100 + 100));
    const outcomes = [];
    for (let i = 0; i < batches.length; i += 4)
      outcomes.push(...(await Promise.all(batches.slice(i, i + 4).map((b) => triageObservations(b)))).flat());
    expect(outcomes.filter((o) => o.status === "opened")).toHaveLength(1);
    expect(await runsFor(id)).toHaveLength(1);
  }, 180_000);
});

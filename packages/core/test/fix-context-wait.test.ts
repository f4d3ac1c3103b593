// Sentry sends a new issue's issue.created and error.created apart; the run can be dispatched
// before the error is stored. Dispatch waits a moment for it — for a new issue only, not long,
// and only in a workspace Sentry delivers errors to.
import { createSampleRepo, SAMPLE_APP } from "@suture/fixer/test-support";
import { sampleAppDeliveries } from "@suture/sentry/test-support";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET } from "./fixtures.ts";

// No Sentry token: a run without a stored event has no other source, so nothing else can answer.
delete process.env.SENTRY_AUTH_TOKEN;
const core = await import("@suture/core");
const { closeDb, getDb } = await import("@suture/core/database");
const db = await import("@suture/db");
const { gatherFixContext, WAIT_FOR_EVENT_MS } = await import("../src/fixes/dispatch/gather-fix-context.ts");

const sample = await createSampleRepo();

beforeAll(async () => {
  await db.ensureWorkspace(await getDb(), { slug: "default", name: "Default" });
  await core.setWorkspacePolicy("default", { maxActiveRuns: 10 }); // each test opens a run
  const connected = await core.connectRepository({
    workspace: "default",
    repository: "acme/shop",
    cloneUrl: sample.cloneUrl,
    testCommand: SAMPLE_APP.testCommand,
  });
  expect(connected.status).toBe("connected");
});

afterAll(async () => {
  await closeDb();
  await sample.cleanup();
});

/** Stores and processes one signed delivery. */
async function deliver(d: { body: string; headers: Record<string, string> }): Promise<string> {
  const stored = await core.receiveSentryWebhook(new TextEncoder().encode(d.body), new Headers(d.headers));
  if (stored.status !== "stored") throw new Error(JSON.stringify(stored));
  const [outcome] = await core.processDeliveries([stored.deliveryId]);
  return (outcome as { observationId: string }).observationId;
}

/** A run opened from the issue delivery alone; the error delivery is handed back, not stored. */
async function runWithoutItsError(issueId: string) {
  const { issue, error } = sampleAppDeliveries(SAMPLE_APP, issueId, `SHOP-${issueId.slice(-3)}`, SECRET);
  const [triaged] = await core.triageObservations([await deliver(issue)]);
  if (triaged?.status !== "opened") throw new Error(JSON.stringify(triaged));
  return { runId: triaged.fixRun.id, error };
}

async function contextEvent(runId: string) {
  const events = await db.listFixRunEvents(await getDb(), { fixRunId: runId });
  return events.find((e) => e.kind === "context");
}

/** How long gathering took and what it came to. */
async function gatherTimed(runId: string) {
  const started = Date.now();
  const fix = await gatherFixContext(runId);
  return { fix, took: Date.now() - started };
}

// The workspace is new here (nothing tells yet whether Sentry sends it errors), then has errors.
describe("the context of a run whose error delivery comes late", () => {
  it("is the error Sentry delivers while dispatch waits for it", async () => {
    const { runId, error } = await runWithoutItsError("7300000001");
    const gathering = gatherFixContext(runId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await deliver(error);

    const fix = await gathering;
    expect(fix.source).toBe("stored");
    expect(fix.context?.errorValue).toBe(SAMPLE_APP.errorValue);
    const event = await contextEvent(runId);
    expect(event?.message).toMatch(/delivered by Sentry, after waiting \d+\.\d s for it/);
    expect(event?.data).toMatchObject({ source: "stored", waitedMs: expect.any(Number) });
    expect((event?.data as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(400);
  });

  it("goes without after a few seconds when no error comes", async () => {
    const { runId } = await runWithoutItsError("7300000002");
    const started = Date.now();

    const fix = await gatherFixContext(runId);
    const took = Date.now() - started;
    expect(fix.source).toBe("none");
    expect(took).toBeGreaterThanOrEqual(WAIT_FOR_EVENT_MS - 50);
    expect(took).toBeLessThan(WAIT_FOR_EVENT_MS + 2_000);
  });

  it("is not waited for on an issue Suture has known for minutes", async () => {
    const { runId } = await runWithoutItsError("7300000003");
    const handle = await getDb();
    await handle.execute(
      sql`update sentry_issues set created_at = now() - interval '5 minutes' where sentry_issue_id = '7300000003'`,
    );
    const started = Date.now();

    const fix = await gatherFixContext(runId);
    expect(fix.source).toBe("none");
    expect(Date.now() - started).toBeLessThan(WAIT_FOR_EVENT_MS);
    expect((await contextEvent(runId))?.data).toMatchObject({ source: "none", waitedMs: expect.any(Number) });
    expect((await contextEvent(runId))?.message).not.toMatch(/subscribe/);
  });
});

describe("a workspace known for days whose Sentry integration sends no errors", () => {
  beforeAll(async () => {
    // Everything observed so far, the one error included, is eight days old.
    await (await getDb()).execute(sql`update observations set created_at = now() - interval '8 days'`);
  });

  it("has a new issue's context looked up at once, not waited for", async () => {
    const { runId } = await runWithoutItsError("7300000004");
    const { fix, took } = await gatherTimed(runId);
    expect(fix.source).toBe("none");
    expect(took).toBeLessThan(WAIT_FOR_EVENT_MS / 2);
    expect((await contextEvent(runId))?.data).toMatchObject({ source: "none", waitedMs: expect.any(Number) });
    expect((await contextEvent(runId))?.message).toMatch(
      /^No event with a stack trace: .*Sentry has delivered no error to this workspace in a week, so none was waited for/,
    );
  });
});

// Runs whose dispatch was lost or whose worker died do not hold their issue forever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delivery } from "./fixtures.ts";

const core = await import("@suture/core");

const { closeDb, getDb } = await import("@suture/core/database");
const db = await import("@suture/db");
const { lostDispatches } = await import("../src/fixes/dispatch/lost-dispatches.ts");
const { expireStuckRuns } = await import("../src/fixes/dispatch/expire-stuck-runs.ts");

beforeAll(async () => {
  await db.ensureWorkspace(await getDb(), { slug: "default", name: "Default" });
  await core.connectRepository({ workspace: "default", repository: "acme/shop", cloneUrl: "file:///nonexistent" });
  await core.setWorkspacePolicy("default", { maxActiveRuns: 10 });
});
afterAll(() => closeDb());

let next = 7400000000;
async function approvedRun(): Promise<string> {
  const issueId = String(next++);
  const d = delivery(
    "issue.created.json",
    new TextDecoder().decode(delivery("issue.created.json").body).replaceAll("6123456789", issueId),
  );
  const stored = await core.receiveSentryWebhook(d.body, d.headers);
  const [outcome] = await core.processDeliveries([(stored as { deliveryId: string }).deliveryId]);
  const [triaged] = await core.triageObservations([(outcome as { observationId: string }).observationId]);
  if (triaged?.status !== "opened") throw new Error(JSON.stringify(triaged));
  expect((await core.approveFixRun(triaged.fixRun.id, "alice")).status).toBe("approved");
  return triaged.fixRun.id;
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("recovering fix runs", () => {
  it("announces again an approval that never started, and a run left running only at an embedded start", async () => {
    const approved = await approvedRun();
    const running = await approvedRun();
    const handle = await getDb();
    await db.updateFixRun(handle, { id: approved, fields: { approvedAt: ago(20) } });
    expect((await core.startFixRun(running)).status).toBe("started");
    await db.updateFixRun(handle, { id: running, fields: { approvedAt: ago(20) } });

    const ids = (found: Awaited<ReturnType<typeof lostDispatches>>) => found.map((d) => d.data.fixRunId);
    expect(ids(await lostDispatches(600, false))).toContain(approved);
    expect(ids(await lostDispatches(600, false))).not.toContain(running);
    expect(ids(await lostDispatches(600, true))).toEqual(expect.arrayContaining([approved, running]));
    expect(ids(await lostDispatches(3600, false))).not.toContain(approved);
    const [again] = await lostDispatches(600, false);
    expect(again!.id).toMatch(/^fix-approved-.+-sweep-\d+$/);
  });

  it("fails a run running longer than a dispatch can take, so its issue can get a new one", async () => {
    const stuck = await approvedRun();
    const fresh = await approvedRun();
    await core.startFixRun(stuck);
    await core.startFixRun(fresh);
    await db.updateFixRun(await getDb(), { id: stuck, fields: { startedAt: ago(24 * 60) } });

    const expired = await expireStuckRuns();
    expect(expired).toContain(stuck);
    expect(expired).not.toContain(fresh);
    const run = await db.getFixRun(await getDb(), { id: stuck });
    expect(run).toMatchObject({ status: "failed", reason: expect.stringMatching(/did not finish within \d+ minutes/) });
  });
});

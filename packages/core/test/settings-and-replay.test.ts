import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delivery } from "./fixtures.ts";

// No auto-routing: deliveries of an unmapped installation wait as unrouted until an admin maps it.
process.env.SUTURE_AUTO_ROUTE = "0";
if (process.env.SUTURE_TEST_DB === "postgres")
  process.env.SUTURE_AUTH_SECRET = "0123456789abcdef0123456789abcdef-test-secret";
const core = await import("@suture/core");
const { getDb, closeDb } = await import("@suture/core/database");
const db = await import("@suture/db");

const INSTALLATION = "a8e5d37a-696c-4c54-adb5-b3f28d64c7de";
type Scope = NonNullable<Awaited<ReturnType<typeof core.loadWorkspaceScope>>>;
let acme: Scope;
let other: Scope;

async function adminOf(workspace: string): Promise<Scope> {
  await db.ensureWorkspace(await getDb(), { slug: workspace });
  const added = await core.addUser(
    { email: `admin@${workspace}.test`, password: "correct horse battery", role: "admin", workspace },
    { userId: null, label: "cli:test" },
  );
  if (added.status !== "created") throw new Error(`no admin for ${workspace}: ${added.status}`);
  const scope = await core.loadWorkspaceScope(added.user, workspace);
  if (!scope) throw new Error(`no scope for ${workspace}`);
  return scope;
}

async function receive(name: string): Promise<string> {
  const d = delivery(name);
  const stored = await core.receiveSentryWebhook(d.body, d.headers);
  if (!("deliveryId" in stored) || typeof stored.deliveryId !== "string") throw new Error("not stored");
  return stored.deliveryId;
}

async function auditActions(scope: Scope): Promise<string[]> {
  const log = await core.getAuditLog(scope);
  return log.status === "ok" ? log.events.map((e) => e.action) : [];
}

async function observationCount(): Promise<number> {
  return (await (await getDb()).query.observations.findMany()).length;
}

beforeAll(async () => {
  acme = await adminOf("acme");
  other = await adminOf("other");
});
afterAll(() => closeDb());

describe("mapping an installation in settings", () => {
  it("maps an unrouted installation to the workspace and re-processes its deliveries", async () => {
    const id = await receive("issue.created.json");
    expect(await core.processDeliveries([id])).toEqual([expect.objectContaining({ status: "unrouted" })]);
    const settings = await core.getSettingsPage(acme);
    expect(settings.status === "ok" && settings.installations).toEqual([
      expect.objectContaining({ uuid: INSTALLATION, mapped: false, unrouted: 1 }),
    ]);
    const unrouted = await core.getDeliveriesPage(acme, { filter: "unrouted", before: null });
    expect(unrouted.deliveries.map((d) => d.id)).toEqual([id]);

    expect(await core.mapInstallation(acme, { installationUuid: INSTALLATION })).toEqual({
      status: "mapped",
      requeued: 1,
    });
    const [outcome] = await core.processDeliveries([id]);
    expect(outcome).toMatchObject({ status: "processed", workspaceId: acme.workspaceId });
    expect(await auditActions(acme)).toContain("installation.mapped");
    // Now acme's: another workspace's admin can neither take it nor see the delivery.
    expect(await core.mapInstallation(other, { installationUuid: INSTALLATION })).toMatchObject({ status: "taken" });
    expect(await core.getDeliveryDetail(other, id)).toBeNull();
    expect(await core.getDeliveryDetail(acme, id)).toMatchObject({ id, status: "processed", bodyIsJson: true });
  });
});

describe("replaying deliveries", () => {
  it("replays a processed delivery twice and still has one observation", async () => {
    const id = await receive("event_alert.triggered.json");
    await core.processDeliveries([id]);
    const before = await observationCount();
    for (let i = 0; i < 2; i++) {
      expect(await core.replayDelivery(acme, { id })).toEqual({ status: "replayed", count: 1 });
      expect(await core.processDeliveries([id])).toEqual([expect.objectContaining({ status: "processed" })]);
    }
    expect(await observationCount()).toBe(before);
    const observations = await (await getDb()).query.observations.findMany();
    expect(observations.filter((o) => o.deliveryId === id)).toHaveLength(1);
    expect((await auditActions(acme)).filter((a) => a === "delivery.replayed")).toHaveLength(2);
  });

  it("refuses another workspace's delivery, and a non-admin", async () => {
    const id = await receive("issue.assigned.json");
    await core.processDeliveries([id]);
    expect(await core.replayDelivery(other, { id })).toMatchObject({ status: "not_found" });
    expect(await core.replayDelivery({ ...acme, role: "approver" }, { id })).toMatchObject({ status: "forbidden" });
    expect((await db.getDelivery(await getDb(), { id }))?.status).toBe("processed");
  });

  it("turns a failed delivery into a processed one once its cause is gone, after a confirmed count", async () => {
    const id = await receive("metric_alert.critical.json");
    // As the pipeline parks a delivery whose processing failed (the database refused it, say).
    await db.markDelivery(await getDb(), { id, status: "failed", error: "processing error: 57014" });
    const failed = await core.getDeliveriesPage(acme, { filter: "failed", before: null });
    expect(failed.deliveries.map((d) => d.id)).toEqual([id]);
    expect(failed.failedCount).toBe(1);

    expect(await core.replayFailedDeliveries(acme, { expected: 2 })).toMatchObject({ status: "changed" });
    expect(await core.replayFailedDeliveries(other, { expected: 0 })).toEqual({ status: "replayed", count: 0 });
    expect(await core.replayFailedDeliveries(acme, { expected: 1 })).toEqual({ status: "replayed", count: 1 });
    expect(await core.processDeliveries([id])).toEqual([expect.objectContaining({ status: "processed" })]);
    expect((await db.getDelivery(await getDb(), { id }))?.error).toBeNull();
    expect(await auditActions(acme)).toContain("deliveries.replayed");
  });
});

describe("the deliveries page", () => {
  it("walks a workspace's deliveries newest first in keyset pages, with no row twice", async () => {
    const handle = await getDb();
    const all = await db.listDeliveryPage(handle, { workspaceId: acme.workspaceId, filter: "all", limit: 100 });
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const rows = await db.listDeliveryPage(handle, {
        workspaceId: acme.workspaceId,
        filter: "all",
        before,
        limit: 2,
      });
      seen.push(...rows.slice(0, 2).map((r) => r.id));
      const last = rows.slice(0, 2).at(-1);
      if (rows.length <= 2 || !last) break;
      before = last.id;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    expect(await db.listDeliveryPage(handle, { workspaceId: other.workspaceId, filter: "all", limit: 100 })).toEqual(
      [],
    );
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { delivery } from "./fixtures.ts";

// A server on a real database without SUTURE_AUTO_ROUTE: nothing may be guessed into a workspace.
process.env.SUTURE_AUTO_ROUTE = "0";
const { receiveSentryWebhook, processDeliveries, routeSentryInstallation } = await import("@suture/core");
const { getDb, closeDb } = await import("@suture/core/database");
const { addProjectOverride, ensureWorkspace } = await import("@suture/db");

afterAll(() => closeDb());

describe("without auto-routing", () => {
  it("parks deliveries of an unmapped installation as unrouted, then processes them once mapped", async () => {
    const d = delivery("issue.created.json");
    const stored = await receiveSentryWebhook(d.body, d.headers);
    const id = (stored as { deliveryId: string }).deliveryId;
    expect(await processDeliveries([id])).toEqual([expect.objectContaining({ status: "unrouted" })]);
    const db = await getDb();
    expect(await db.query.observations.findMany()).toEqual([]);

    const missing = await routeSentryInstallation("a8e5d37a-696c-4c54-adb5-b3f28d64c7de", "payments");
    expect(missing).toMatchObject({ status: "no_workspace" });
    const routed = await routeSentryInstallation("a8e5d37a-696c-4c54-adb5-b3f28d64c7de", "payments", { create: true });
    expect(routed).toMatchObject({ status: "routed", requeued: 1 });
    expect(await processDeliveries([id])).toEqual([expect.objectContaining({ status: "processed" })]);
    const rows = await db.query.observations.findMany();
    expect(rows).toHaveLength(1);
    const installation = await db.query.sentryInstallations.findFirst();
    expect(installation?.autoRouted).toBe(false);
  });

  it("routes by a per-project override before the installation mapping", async () => {
    const db = await getDb();
    const mobile = await ensureWorkspace(db, { slug: "mobile" });
    await addProjectOverride(db, { projectSlug: "front-end", workspaceId: mobile.id });
    // error.created.docs-verbatim.json is about project "front-end" of another installation.
    const d = delivery("error.created.docs-verbatim.json");
    const stored = await receiveSentryWebhook(d.body, d.headers);
    const [outcome] = await processDeliveries([(stored as { deliveryId: string }).deliveryId]);
    expect(outcome).toMatchObject({ status: "processed", workspaceId: mobile.id });
  });
});

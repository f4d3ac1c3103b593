import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createExecutor, type Executor } from "@suture/inngest-local";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  announceDelivery,
  closeDb,
  getDb,
  receiveSentryWebhook,
  recordDeployment,
} from "@suture/core";
import { functions, inngest, sweepRequested } from "@suture/core/inngest";
import { delivery, fixtureNames } from "./fixtures.ts";

// The app's real functions behind the real SDK handler, driven by the embedded executor.
let server: Server;
let executor: Executor;

beforeAll(async () => {
  server = createServer(serve({ client: inngest, functions }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
  executor = createExecutor({
    serveUrl,
    port: Number(process.env.SUTURE_EXECUTOR_PORT),
    retryBackoffMs: () => 20,
    cron: false,
  });
  await executor.start();
  await executor.sync();
});

afterAll(async () => {
  await executor.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await closeDb();
});

async function store(name: string, body?: string): Promise<string> {
  const d = delivery(name, body);
  const result = await receiveSentryWebhook(d.body, d.headers);
  if (result.status !== "stored") throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.deliveryId;
}

describe("the ingest pipeline through the embedded executor", () => {
  it("turns announced deliveries into observations and links them to the deployment of their release", async () => {
    const db = await getDb();
    const { ensureWorkspace } = await import("@suture/db");
    const workspace = await ensureWorkspace(db, "default", "Default");
    await recordDeployment({ workspaceId: workspace.id, release: "checkout-api@2.4.1", environment: "production" });

    for (const name of fixtureNames()) await announceDelivery(await store(name));
    await executor.idle(20_000);

    const observations = await db.query.observations.findMany();
    expect(observations).toHaveLength(fixtureNames().filter((n) => !n.startsWith("installation.")).length);
    const deliveries = await db.query.webhookDeliveries.findMany();
    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => "processed"));
    const links = await db.query.releaseLinks.findMany();
    const released = observations.filter((o) => o.release === "checkout-api@2.4.1");
    expect(released.length).toBeGreaterThan(0);
    expect(links).toHaveLength(released.length);

    const runs = executor.runs().filter((r) => r.functionId === "suture-process-sentry-delivery");
    // Batching: far fewer runs than deliveries.
    expect(runs.length).toBeLessThan(fixtureNames().length);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
  });

  it("the sweeper announces deliveries whose event was lost, and a second announcement changes nothing", async () => {
    const db = await getDb();
    const body = new TextDecoder()
      .decode(delivery("error.created.json").body)
      .replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", "00000000000000000000000000000123");
    const id = await store("error.created.json", body);
    const before = (await db.query.observations.findMany()).length;

    await executor.send([sweepRequested.create({ olderThanSeconds: 0 })]);
    await executor.idle(20_000);
    await announceDelivery(id); // a late original announcement
    await executor.idle(20_000);

    const after = await db.query.observations.findMany();
    expect(after.length).toBe(before + 1);
    expect(after.filter((o) => o.deliveryId === id)).toHaveLength(1);
  });
});

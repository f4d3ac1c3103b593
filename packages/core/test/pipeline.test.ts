import type { Executor } from "@suture/inngest-local";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSentryDelivery, receiveSentryWebhook, recordDeployment } from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";
import { deliveryReceived, embeddedInngestKeys, functions, inngest, sweepRequested } from "@suture/core/inngest";
import { inArray, sql } from "drizzle-orm";
import { delivery, fixtureNames } from "./fixtures.ts";
import { issueCreated, mixedBatch } from "./poisoned.ts";
import { listen, type Listening, startExecutor } from "./serve-harness.ts";

// The app's real functions behind the real SDK handler, driven by the embedded executor.
let app: Listening;
let executor: Executor;

beforeAll(async () => {
  app = await listen(serve({ client: inngest, functions }));
  executor = await startExecutor(`${app.origin}/api/inngest`, embeddedInngestKeys());
});

afterAll(async () => {
  await executor.stop();
  await app.close();
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
    const workspace = await ensureWorkspace(db, { slug: "default", name: "Default" });
    await recordDeployment({ workspaceId: workspace.id, release: "checkout-api@2.4.1", environment: "production" });

    for (const name of fixtureNames()) await announceSentryDelivery(await store(name));
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

  it("the first ten deliveries after a quiet second are processed alone, at once; more wait for a batch", async () => {
    const db = await getDb();
    const { observations } = await import("@suture/db/schema");
    await executor.idle(20_000);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a quiet second
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await store("issue.created.json", issueCreated(String(7380 + i))));
    await Promise.all(ids.map((id) => announceSentryDelivery(id))); // one send
    await executor.idle(20_000);

    expect(await db.select().from(observations).where(inArray(observations.deliveryId, ids))).toHaveLength(12);
    const ranFor = (id: string) => executor.runs().filter((r) => r.eventIds.some((e) => e.endsWith(id)));
    for (const id of ids.slice(0, 10)) {
      expect(ranFor(id).map((r) => [r.functionId, r.eventIds, r.status])).toEqual([
        ["suture-process-lone-sentry-delivery", [`alone-${id}`], "completed"],
      ]);
    }
    const batched = ids.slice(10).map((id) => ranFor(id).map((r) => [r.functionId, r.eventIds.length, r.status]));
    expect(batched).toEqual([
      [["suture-process-sentry-delivery", 2, "completed"]],
      [["suture-process-sentry-delivery", 2, "completed"]],
    ]);
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
    await announceSentryDelivery(id); // a late original announcement
    await executor.idle(20_000);

    const after = await db.query.observations.findMany();
    expect(after.length).toBe(before + 1);
    expect(after.filter((o) => o.deliveryId === id)).toHaveLength(1);
  });

  it("a batch mixing 90 deliveries carrying unstorable text with 100 good ones: every run completes, nothing stays pending", async () => {
    const db = await getDb();
    const { observations, webhookDeliveries } = await import("@suture/db/schema");
    const ids: string[] = [];
    for (const { name, body } of mixedBatch("72").bodies) ids.push(await store(name, body));
    const runsBefore = executor.runs().length;
    // One send: the first ten alone (after a quiet second), the rest in batches of 100 and 80.
    await Promise.all(ids.map((id) => announceSentryDelivery(id)));
    await executor.idle(60_000);

    const rows = await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
    expect(rows.filter((r) => r.status !== "processed")).toEqual([]);
    const observed = await db.select().from(observations).where(inArray(observations.deliveryId, ids));
    expect(observed).toHaveLength(ids.length);
    const runs = executor
      .runs()
      .slice(runsBefore)
      .filter((r) => r.functionId.startsWith("suture-process-") && r.functionId.endsWith("sentry-delivery"));
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.filter((r) => r.status !== "completed")).toEqual([]);
  });

  it("a delivery the database fails on every time ends failed after its attempts, and never holds back those sent with it", async () => {
    const db = await getDb();
    const { observations, webhookDeliveries } = await import("@suture/db/schema");
    const { MAX_DELIVERY_ATTEMPTS } = await import("../src/ingest/sentry/process-deliveries.ts");
    // As if the connection dropped on this one delivery's insert: indistinguishable from an outage.
    await db.execute(
      sql.raw(`create function suture_test_always_fails() returns trigger language plpgsql as $$
        begin
          if new.title like '%always fails%' then raise exception 'connection dropped' using errcode = '08006'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(
        "create trigger suture_test_always_fails before insert on observations for each row execute function suture_test_always_fails()",
      ),
    );
    try {
      const poison = await store(
        "issue.created.json",
        issueCreated("7401", undefined, (issue) => void (issue.title = "always fails")),
      );
      const fresh = [
        await store("issue.created.json", issueCreated("7402")),
        await store("issue.created.json", issueCreated("7403")),
      ];
      // One batch (announced as under load, not alone).
      await executor.send(
        [fresh[0]!, poison, fresh[1]!].map((id) => deliveryReceived.create({ deliveryId: id }, { id })),
      );
      await executor.idle(20_000);
      expect(await db.select().from(observations).where(inArray(observations.deliveryId, fresh))).toHaveLength(2);
      const [waiting] = await db
        .select()
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.id, [poison]));
      expect(waiting?.status).toBe("pending");

      const sweeps: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const before = executor.runs().length;
        await executor.send([sweepRequested.create({ olderThanSeconds: 0 })]);
        await executor.idle(20_000);
        sweeps.push(
          executor
            .runs()
            .slice(before)
            .find((r) => r.functionId === "suture-sweep-pending-deliveries")?.output,
        );
      }
      const [parked] = await db
        .select()
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.id, [poison]));
      expect(parked).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
      expect(parked?.error).toMatch(/gave up after/);
      // Re-announced once, its attempts used up by that run's retries, then parked, then left alone.
      expect(sweeps).toEqual([
        expect.objectContaining({ reannounced: 1, gaveUp: 0 }),
        expect.objectContaining({ reannounced: 0, gaveUp: 1 }),
        expect.objectContaining({ reannounced: 0, gaveUp: 0 }),
      ]);
    } finally {
      await db.execute(sql.raw("drop trigger suture_test_always_fails on observations"));
    }
  });
});

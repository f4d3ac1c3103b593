import type { Executor } from "@suture/inngest-local";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSentryDelivery, receiveSentryWebhook } from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";
import { embeddedInngestKeys, functions, inngest } from "@suture/core/inngest";
import { inArray } from "drizzle-orm";
import { delivery } from "./fixtures.ts";
import { issueCreated } from "./poisoned.ts";
import { listen, type Listening, startExecutor } from "./serve-harness.ts";

// On the embedded executor the burst rate is 300 deliveries a second (SUTURE_INGEST_BURST_RATE).
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

async function store(n: number): Promise<string> {
  const d = delivery("issue.created.json", issueCreated(String(7_450_000 + n)));
  const result = await receiveSentryWebhook(d.body, d.headers);
  if (result.status !== "stored") throw new Error(JSON.stringify(result));
  return result.deliveryId;
}

describe("an ingest burst", () => {
  it("holds the deliveries announced past 300 in a second until the second has passed, then processes every one", async () => {
    const db = await getDb();
    const { webhookDeliveries } = await import("@suture/db/schema");
    const ids: string[] = [];
    for (let n = 0; n < 360; n++) ids.push(await store(n));

    const started = performance.now();
    const released: number[] = [];
    const sent = ids.map((id, n) => announceSentryDelivery(id).then(() => (released[n] = performance.now() - started)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const late = ids.slice(300);
    const ranFor = (id: string) => executor.runs().some((r) => r.eventIds.some((e) => e.endsWith(id)));
    expect(late.filter(ranFor)).toEqual([]);
    const pending = await db
      .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.id, late));
    expect(pending.map((d) => d.status)).toEqual(late.map(() => "pending"));

    await Promise.all(sent);
    await executor.idle(30_000);
    // The first 200 went at once (the burst had not begun); the rest once the second had passed.
    expect(Math.max(...released.slice(0, 200))).toBeLessThan(500);
    expect(Math.min(...released.slice(300))).toBeGreaterThanOrEqual(900);
    const settled = await db
      .select({ status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.id, ids));
    expect(settled.map((d) => d.status)).toEqual(ids.map(() => "processed"));
  });
});

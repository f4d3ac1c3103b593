import { count, eq, min, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { fixRuns, webhookDeliveries } from "../schema/index.ts";

/** What an operator watches: deliveries still waiting to be processed, and the oldest one's age. */
export async function pendingBacklog(db: Db): Promise<{ pending: number; oldestSeconds: number }> {
  // The (status, received_at) index answers both from its pending end.
  const [row] = await db
    .select({
      pending: count(),
      oldestSeconds: sql<number>`coalesce(extract(epoch from now() - ${min(webhookDeliveries.receivedAt)}), 0)::float8`,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, "pending"));
  return { pending: row?.pending ?? 0, oldestSeconds: Number(row?.oldestSeconds ?? 0) };
}

/** Fix runs by status, across workspaces. */
export async function fixRunCountsByStatus(db: Db): Promise<{ status: string; runs: number }[]> {
  return db.select({ status: fixRuns.status, runs: count() }).from(fixRuns).groupBy(fixRuns.status);
}

/** The database answers: a round trip, for health checks. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

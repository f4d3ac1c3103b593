import { listStalePendingDeliveries } from "@suture/db";
import { getDb } from "../database.ts";

/** Pending deliveries older than the grace period, per source, with an id naming this sweep. */
export async function staleDeliveries(olderThanSeconds: number): Promise<{ sentry: string[]; github: string[]; sweepId: string }> {
  const rows = await listStalePendingDeliveries(await getDb(), olderThanSeconds);
  return {
    sentry: rows.filter((r) => r.source === "sentry").map((r) => r.id),
    github: rows.filter((r) => r.source === "github").map((r) => r.id),
    sweepId: Date.now().toString(36),
  };
}

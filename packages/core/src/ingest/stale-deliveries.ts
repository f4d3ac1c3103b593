import { listStalePendingDeliveries } from "@suture/db";
import { getDb } from "../database.ts";

/** Pending deliveries older than the grace period, with an id naming this sweep. */
export async function staleDeliveries(olderThanSeconds: number): Promise<{ ids: string[]; sweepId: string }> {
  const ids = await listStalePendingDeliveries(await getDb(), olderThanSeconds);
  return { ids, sweepId: Date.now().toString(36) };
}

import { isDatabaseUnavailable, markDelivery } from "@suture/db";
import { autoRoute } from "../config.ts";
import { getDb } from "../database.ts";
import { type ProcessOutcome, processBatch } from "./process-batch.ts";

/**
 * Processes a batch of deliveries in one transaction. If the batch fails for anything but an
 * outage, each delivery is tried alone, so one poisoned payload is parked as `failed`
 * (visible, replayable) instead of holding the rest back or being re-announced forever.
 * An unreachable database is rethrown so the Inngest step retries.
 */
export async function processDeliveries(deliveryIds: readonly string[]): Promise<ProcessOutcome[]> {
  const db = await getDb();
  const ids = [...new Set(deliveryIds)];
  try {
    return await processBatch(db, ids, autoRoute);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    if (ids.length === 1) {
      const reason = `processing error: ${error instanceof Error ? error.message : String(error)}`;
      await markDelivery(db, ids[0]!, "failed", { error: reason });
      return [{ deliveryId: ids[0]!, status: "failed", reason }];
    }
  }
  const outcomes: ProcessOutcome[] = [];
  for (const id of ids) outcomes.push(...(await processDeliveries([id])));
  return outcomes;
}

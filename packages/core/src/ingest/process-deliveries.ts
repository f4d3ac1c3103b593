import { isDatabaseUnavailable, markDelivery } from "@suture/db";
import { getDb } from "../database.ts";
import { autoRoute } from "../config.ts";
import { type ProcessOutcome, processDelivery } from "./process-delivery.ts";

const PARALLEL = 4;

/**
 * Processes a batch of deliveries, a few at a time: each in its own transaction, so one bad
 * payload fails alone. An unreachable database is rethrown at the end so the Inngest step
 * retries — the processed ones are skipped on the retry.
 */
export async function processDeliveries(deliveryIds: readonly string[]): Promise<ProcessOutcome[]> {
  const db = await getDb();
  const ids = [...new Set(deliveryIds)];
  const outcomes: ProcessOutcome[] = [];
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        outcomes.push(await processDelivery(db, id, autoRoute));
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          errors.push(error);
        } else {
          // A bug, not an outage: park the delivery as failed (visible, replayable) instead of
          // letting the sweeper re-announce it forever.
          const reason = `processing error: ${error instanceof Error ? error.message : String(error)}`;
          await markDelivery(db, id, "failed", { error: reason }).catch((e: unknown) => errors.push(e));
          outcomes.push({ deliveryId: id, status: "failed", reason });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  if (errors.length > 0) {
    throw new AggregateError(errors, `${errors.length} of ${ids.length} deliveries failed to process`);
  }
  return outcomes;
}

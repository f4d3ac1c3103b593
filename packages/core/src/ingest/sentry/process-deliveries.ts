import {
  claimPendingDeliveries,
  type Db,
  type Delivery,
  describeError,
  isDatabaseUnavailable,
  markDelivery,
} from "@suture/db";
import { autoRoute } from "../../config.ts";
import { getDb } from "../../database.ts";
import { type ProcessOutcome, processBatch } from "./process-batch.ts";
import { log } from "../../observability/log.ts";

/**
 * How many times a delivery is tried. A try is counted before it starts, so one that never
 * finishes (a crash, a step timeout, a database that keeps failing on it) counts too; past the
 * bound the sweeper parks it as `failed` instead of announcing it again.
 */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** Stored when even the short reason could not be: a text that cannot fail to store. */
const FIXED_REASON = "processing error: the reason could not be stored";

/** Two tries in a row failing for an unreachable database is an outage, not a bad delivery. */
const OUTAGE_AFTER_FAILURES = 2;

/**
 * Processes a batch of deliveries. Each try is counted on the row first. Deliveries tried for
 * the first time go together, in one transaction; a delivery tried before (its batch failed,
 * its run died) goes alone, after them, so it never holds a fresh one back. A batch that fails
 * is tried one delivery at a time: one that fails alone is parked as `failed` (visible,
 * replayable) and the rest proceed.
 *
 * A delivery that fails alone because the database seemed unreachable is left pending (its try
 * counted) and the rest proceed; two deliveries failing alone in a row stop the batch. If nothing was done
 * the error is rethrown so the Inngest step retries; otherwise what was done is returned (and
 * announced), and the rest stays pending for the next announcement.
 */
export async function processDeliveries(deliveryIds: readonly string[]): Promise<ProcessOutcome[]> {
  const db = await getDb();
  const ids = [...new Set(deliveryIds)];
  const order = new Map(ids.map((id, index) => [id, index]));
  const claimed = (await claimPendingDeliveries(db, { ids, maxAttempts: MAX_DELIVERY_ATTEMPTS })).sort(
    (a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
  const claimedIds = new Set(claimed.map((d) => d.id));
  const outcomes: ProcessOutcome[] = ids
    .filter((id) => !claimedIds.has(id))
    .map((deliveryId) => ({
      deliveryId,
      status: "skipped",
      reason: "not pending (already processed, being processed, or out of attempts)",
    }));
  const skipped = outcomes.length;

  const queue: Delivery[][] = [
    claimed.filter((d) => d.attempts <= 1),
    ...claimed.filter((d) => d.attempts > 1).map((d) => [d]),
  ];
  let unreachable: { error: unknown } | null = null;
  let failuresInARow = 0;
  for (let group = queue.shift(); group; group = queue.shift()) {
    if (group.length === 0) continue;
    try {
      await settle(db, group, queue, outcomes);
      failuresInARow = 0;
    } catch (error) {
      unreachable = { error };
      // A group's failure says nothing about which delivery failed: its members are tried alone,
      // and only their failures count towards an outage (whichever of them comes first).
      if (group.length > 1) queue.unshift(...group.map((d) => [d]));
      else if (++failuresInARow >= OUTAGE_AFTER_FAILURES) break;
    }
  }
  if (unreachable) {
    if (outcomes.length === skipped) throw unreachable.error;
    log.warn(`some deliveries were left pending: ${describeError(unreachable.error)}`);
  }
  return outcomes;
}

/**
 * Processes one group in one transaction. If it fails, a group of several goes back to the front
 * of the queue one delivery at a time, and a delivery alone is parked. Only an unreachable
 * database is thrown.
 */
async function settle(db: Db, group: Delivery[], queue: Delivery[][], outcomes: ProcessOutcome[]): Promise<void> {
  try {
    outcomes.push(...(await processBatch(db, group, autoRoute)));
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    const [only, ...more] = group;
    if (only && more.length === 0) outcomes.push(await park(db, only.id, error));
    else queue.unshift(...group.map((d) => [d]));
  }
}

/**
 * Marks a delivery `failed` with a short reason of our own. Parking never fails the batch: if
 * the reason cannot be stored, a fixed one is; if nothing can, the delivery stays pending with
 * its try counted, and the attempt bound ends it.
 */
async function park(db: Db, deliveryId: string, error: unknown): Promise<ProcessOutcome> {
  const reason = `processing error: ${describeError(error)}`;
  for (const text of [reason, FIXED_REASON]) {
    try {
      await markDelivery(db, { id: deliveryId, status: "failed", error: text });
      return { deliveryId, status: "failed", reason: text };
    } catch (parkError) {
      if (isDatabaseUnavailable(parkError)) throw parkError;
    }
  }
  return { deliveryId, status: "skipped", reason: `${reason}; could not be parked, left pending` };
}

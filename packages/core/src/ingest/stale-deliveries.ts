import { failExhaustedDeliveries, listStalePendingDeliveries } from "@suture/db";
import { getDb } from "../database.ts";
import { MAX_DELIVERY_ATTEMPTS } from "./sentry/process-deliveries.ts";

const GAVE_UP = `gave up after ${MAX_DELIVERY_ATTEMPTS} attempts: processing never finished (a crash, a timeout, or the database failing each time)`;

/**
 * Pending deliveries older than the grace period, per source, with an id naming this sweep.
 * Those that used up their attempts are parked as `failed` (and counted in `gaveUp`) rather
 * than announced again: a delivery that breaks every run must not join fresh ones forever.
 */
export async function staleDeliveries(
  olderThanSeconds: number,
): Promise<{ sentry: string[]; github: string[]; gaveUp: number; sweepId: string }> {
  const db = await getDb();
  const gaveUp = await failExhaustedDeliveries(db, {
    olderThanSeconds,
    maxAttempts: MAX_DELIVERY_ATTEMPTS,
    error: GAVE_UP,
  });
  const rows = await listStalePendingDeliveries(db, { olderThanSeconds, maxAttempts: MAX_DELIVERY_ATTEMPTS });
  return {
    sentry: rows.filter((r) => r.source === "sentry").map((r) => r.id),
    github: rows.filter((r) => r.source === "github").map((r) => r.id),
    gaveUp: gaveUp.length,
    sweepId: Date.now().toString(36),
  };
}

import { staleDeliveries } from "../../ingest/stale-deliveries.ts";
import { sweepAfterSeconds } from "../../config.ts";
import { inngest } from "../client.ts";
import { deliveryReceived, sweepRequested } from "../events.ts";

/**
 * Re-announces deliveries still pending after the grace period: the event send after the
 * answer can be lost (crash, Inngest down), and processing is idempotent, so a second
 * announcement is always safe.
 */
export const sweepPendingDeliveries = inngest.createFunction(
  {
    id: "sweep-pending-deliveries",
    retries: 2,
    concurrency: { limit: 1 },
    triggers: [{ cron: "* * * * *" }, sweepRequested],
  },
  async ({ event, step }) => {
    const olderThan =
      event.name === "suture/sweep.requested" ? (event.data as { olderThanSeconds: number }).olderThanSeconds : sweepAfterSeconds;
    const stale = await step.run("find-stale", () => staleDeliveries(olderThan));
    if (stale.ids.length === 0) return { reannounced: 0 };
    // Event ids must differ from the original (the delivery id) or Inngest drops them as
    // duplicates; one per sweep keeps repeated sweeps of a backlog from piling up.
    await step.sendEvent(
      "reannounce",
      stale.ids.map((deliveryId) => deliveryReceived.create({ deliveryId }, { id: `${deliveryId}-sweep-${stale.sweepId}` })),
    );
    return { reannounced: stale.ids.length };
  },
);

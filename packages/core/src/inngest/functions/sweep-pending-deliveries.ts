import { staleDeliveries } from "../../ingest/stale-deliveries.ts";
import { sweepAfterSeconds } from "../../config.ts";
import { inngest } from "../client.ts";
import {
  deliveryReceived,
  deploymentRecorded,
  fixApproved,
  githubDeliveryReceived,
  sweepRequested,
} from "../events.ts";
import { deploymentsAwaitingRange } from "../../releases/read-suspect-range.ts";
import { expireStuckRuns } from "../../fixes/dispatch/expire-stuck-runs.ts";
import { lostDispatches } from "../../fixes/dispatch/lost-dispatches.ts";

/** An approval not started after this long is announced again (a queued one is a harmless no-op). */
const LOST_DISPATCH_SECONDS = 600;

/**
 * Re-announces deliveries still pending after the grace period (and approved fix runs that never
 * started; runs running far longer than a dispatch can take are failed): the event send after the
 * answer can be lost (crash, Inngest down), and processing is idempotent, so a second
 * announcement is always safe. A delivery that has used up its attempts is parked as failed
 * instead, so it never again rides along with fresh ones. A deployment whose suspect range was
 * never stored (its announcement lost) is announced again too.
 */
export const sweepPendingDeliveries = inngest.createFunction(
  {
    id: "sweep-pending-deliveries",
    retries: 2,
    concurrency: { limit: 1 },
    triggers: [{ cron: "* * * * *" }, sweepRequested],
  },
  async ({ event, step }) => {
    const requested = event.name === "suture/sweep.requested" ? event.data : null;
    const olderThan = requested?.olderThanSeconds ?? sweepAfterSeconds;
    const expired = await step.run("expire-stuck-runs", () => expireStuckRuns());
    const dispatches = await step.run("find-lost-dispatches", () =>
      lostDispatches(requested ? olderThan : LOST_DISPATCH_SECONDS, requested?.resumeRunning ?? false),
    );
    if (dispatches.length > 0)
      await step.sendEvent(
        "redispatch",
        dispatches.map((d) => fixApproved.create(d.data, { id: d.id })),
      );
    const stale = await step.run("find-stale", () => staleDeliveries(olderThan));
    const unread = await step.run("find-unread-ranges", () => deploymentsAwaitingRange(olderThan));
    if (unread.length > 0)
      await step.sendEvent(
        "reannounce-deployments",
        unread.map((data) =>
          deploymentRecorded.create(data, { id: `deployment-${data.deploymentId}-sweep-${stale.sweepId}` }),
        ),
      );
    const reannounced = stale.sentry.length + stale.github.length;
    const counts = {
      redispatched: dispatches.length,
      expired: expired.length,
      gaveUp: stale.gaveUp,
      deployments: unread.length,
    };
    if (reannounced === 0) return { reannounced, ...counts };
    // Event ids must differ from the original (the delivery id) or Inngest drops them as
    // duplicates; one per sweep keeps repeated sweeps of a backlog from piling up.
    const id = (deliveryId: string) => ({ id: `${deliveryId}-sweep-${stale.sweepId}` });
    await step.sendEvent("reannounce", [
      ...stale.sentry.map((deliveryId) => deliveryReceived.create({ deliveryId }, id(deliveryId))),
      ...stale.github.map((deliveryId) => githubDeliveryReceived.create({ deliveryId }, id(deliveryId))),
    ]);
    return { reannounced, ...counts };
  },
);

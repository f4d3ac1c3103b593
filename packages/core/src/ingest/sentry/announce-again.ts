import { describeError } from "@suture/db";
import { inngest } from "../../inngest/client.ts";
import { deliveryReceived } from "../../inngest/events.ts";
import { log } from "../../observability/log.ts";

/**
 * Announces deliveries put back to pending (replayed, or routed at last) with event ids of their
 * own: Inngest drops an event id it has seen, and each delivery's id was used when it arrived.
 * A failed send is logged, not raised: the deliveries are pending, and the sweeper announces
 * them after its grace period.
 */
export async function announceAgain(ids: readonly string[], why: "replay" | "route"): Promise<void> {
  if (ids.length === 0) return;
  const tag = `${why}-${Date.now().toString(36)}`;
  try {
    await inngest.send(
      ids.map((deliveryId) => deliveryReceived.create({ deliveryId }, { id: `${deliveryId}-${tag}` })),
    );
  } catch (error) {
    log.warn(
      { deliveryIds: ids.slice(0, 20), count: ids.length },
      `could not announce deliveries again; the sweeper will: ${describeError(error)}`,
    );
  }
}

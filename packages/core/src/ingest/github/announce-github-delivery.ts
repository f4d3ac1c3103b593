import { inngest } from "../../inngest/client.ts";
import { githubDeliveryReceived } from "../../inngest/events.ts";
import { log } from "../../observability/log.ts";

/**
 * Announces a stored GitHub delivery, after the answer went back. A lost send is logged, not
 * raised: the delivery is durable, and the reconcile poll catches up on the PR's state.
 */
export async function announceGithubDelivery(deliveryId: string): Promise<void> {
  try {
    // The delivery id is the event id, so a second announcement of it is dropped.
    await inngest.send(githubDeliveryReceived.create({ deliveryId }, { id: deliveryId }));
  } catch (error) {
    log.warn({ deliveryId, err: error }, "could not announce the GitHub delivery; the sweeper will");
  }
}

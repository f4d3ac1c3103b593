import { inngest } from "../inngest/client.ts";
import { deliveryReceived } from "../inngest/events.ts";

/**
 * Announces a stored delivery. Runs after the answer has gone back to Sentry; a failure is
 * logged, not raised — the delivery is already durable and the sweeper will announce it.
 */
export async function announceDelivery(deliveryId: string): Promise<void> {
  try {
    await inngest.send(deliveryReceived.create({ deliveryId }, { id: deliveryId }));
  } catch (error) {
    console.warn(`[suture] could not announce delivery ${deliveryId}; the sweeper will: ${(error as Error).message}`);
  }
}

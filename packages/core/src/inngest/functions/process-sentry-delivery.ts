import { processDeliveries } from "../../ingest/sentry/process-deliveries.ts";
import { inngest } from "../client.ts";
import { deliveryReceived, observationCaptured } from "../events.ts";

/**
 * Stored deliveries → observations. Batched: one run handles up to 100 deliveries in two
 * steps, so processing keeps up with bursts on the same server that answers Sentry.
 */
export const processSentryDelivery = inngest.createFunction(
  {
    id: "process-sentry-delivery",
    retries: 5,
    triggers: [deliveryReceived],
    batchEvents: { maxSize: 100, timeout: "1s" },
    // Two batches at a time: processing shares the server and its connection pool with the
    // acks, which must stay fast; a backlog drains a moment later instead.
    concurrency: { limit: 2 },
  },
  async ({ events, step }) => {
    const ids = events.map((e) => e.data.deliveryId);
    const outcomes = await step.run("process-deliveries", () => processDeliveries(ids));
    const captured = outcomes.flatMap((o) =>
      o.status === "processed" && o.observationId && o.workspaceId
        ? [{ observationId: o.observationId, workspaceId: o.workspaceId, deliveryId: o.deliveryId }]
        : [],
    );
    if (captured.length > 0) {
      await step.sendEvent(
        "announce-observations",
        captured.map((data) => observationCaptured.create(data, { id: `observation-${data.observationId}` })),
      );
    }
    return { processed: captured.length, outcomes: countBy(outcomes.map((o) => o.status)) };
  },
);

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

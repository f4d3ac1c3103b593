import type { GetStepTools } from "inngest";
import { announceApproval } from "../../fixes/decide-fix-run.ts";
import { triageObservations } from "../../fixes/triage-observations.ts";
import { processDeliveries } from "../../ingest/sentry/process-deliveries.ts";
import { inngest } from "../client.ts";
import { deliveryReceived, loneDeliveryReceived, observationCaptured } from "../events.ts";

type Step = GetStepTools<typeof inngest>;

/**
 * Stored deliveries → observations → triage. Batched: one run handles up to 100 deliveries in a
 * few steps, so processing keeps up with bursts. Triage runs in the same run, right after the
 * observations are stored, instead of waiting for a batch window of its own: a new issue has its
 * fix run (or its policy approval) one batch window after Sentry's delivery.
 */
export const processSentryDelivery = inngest.createFunction(
  {
    id: "process-sentry-delivery",
    retries: 5,
    triggers: [deliveryReceived],
    batchEvents: { maxSize: 100, timeout: "1s" },
    // Two batches at a time: a single-process install shares the server and its connection pool
    // with the acks, which must stay fast; a backlog drains a moment later instead.
    concurrency: { limit: 2 },
  },
  ({ events, step }) =>
    processAndTriage(
      events.map((e) => e.data.deliveryId),
      step,
    ),
);

/**
 * The same for a delivery announced alone, one of the first after a quiet second (see
 * `announceSentryDelivery`): processed at once, so an error in a quiet hour has its fix run within
 * moments instead of after the batch window. A delivery both functions see is processed once:
 * each run claims its deliveries before processing them.
 */
export const processLoneSentryDelivery = inngest.createFunction(
  {
    id: "process-lone-sentry-delivery",
    retries: 5,
    triggers: [loneDeliveryReceived],
    concurrency: { limit: 2 },
  },
  ({ event, step }) => processAndTriage([event.data.deliveryId], step),
);

async function processAndTriage(ids: string[], step: Step) {
  const outcomes = await step.run("process-deliveries", () => processDeliveries(ids));
  const captured = outcomes.flatMap((o) =>
    o.status === "processed" && o.observationId && o.workspaceId
      ? [{ observationId: o.observationId, workspaceId: o.workspaceId, deliveryId: o.deliveryId }]
      : [],
  );
  const triaged =
    captured.length === 0
      ? []
      : await step.run("triage", () => triageObservations(captured.map((c) => c.observationId)));
  const opened = triaged.flatMap((o) => (o.status === "opened" ? [o] : []));
  for (const o of opened.filter((o) => o.autoApproved)) {
    await step.run(`announce-approval-${o.fixRun.id}`, () => announceApproval(o.fixRun, "policy"));
  }
  if (captured.length > 0) {
    // For the functions that follow observations: release links, Seer runs.
    await step.sendEvent(
      "announce-observations",
      captured.map((data) => observationCaptured.create(data, { id: `observation-${data.observationId}` })),
    );
  }
  return { processed: captured.length, outcomes: countBy(outcomes.map((o) => o.status)), opened: opened.length };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

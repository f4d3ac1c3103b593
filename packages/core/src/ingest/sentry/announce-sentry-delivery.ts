import { describeError } from "@suture/db";
import { inngest } from "../../inngest/client.ts";
import { deliveryReceived } from "../../inngest/events.ts";
import { log } from "../../observability/log.ts";

const FLUSH_AFTER_MS = 50;
const MAX_EVENTS = 200;

let queue: { deliveryId: string; done: () => void }[] = [];
let timer: NodeJS.Timeout | undefined;
let lastFlush = Number.NEGATIVE_INFINITY;

/**
 * Announces a stored delivery. Runs after the answer has gone back to Sentry. A delivery after
 * a quiet spell goes out at once; under load, sends go at most every FLUSH_AFTER_MS and the
 * deliveries stored in between share one, so a burst costs a handful of requests to Inngest
 * instead of one each. A failed send is logged, not raised: the delivery is already durable
 * and the sweeper will announce it.
 */
export function announceSentryDelivery(deliveryId: string): Promise<void> {
  return new Promise((done) => {
    queue.push({ deliveryId, done });
    if (queue.length >= MAX_EVENTS) flushNow();
    else timer ??= setTimeout(flushNow, Math.max(0, lastFlush + FLUSH_AFTER_MS - performance.now()));
  });
}

/** `flush` handles its own failures; this only keeps a bug in it from going unnoticed. */
function flushNow(): void {
  flush().catch((error: unknown) => log.error(`announcing deliveries failed: ${describeError(error)}`));
}

async function flush(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  lastFlush = performance.now();
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  try {
    // The delivery id is the event id: Inngest drops a second announcement of the same delivery.
    await inngest.send(batch.map(({ deliveryId }) => deliveryReceived.create({ deliveryId }, { id: deliveryId })));
  } catch (error) {
    log.warn(
      { deliveryIds: batch.slice(0, 20).map((b) => b.deliveryId), count: batch.length, err: error },
      "could not announce deliveries; the sweeper will",
    );
  } finally {
    for (const { done } of batch) done();
  }
}

import { describeError } from "@suture/db";
import { inngest } from "../../inngest/client.ts";
import { deliveryReceived, loneDeliveryReceived } from "../../inngest/events.ts";
import { log } from "../../observability/log.ts";

const FLUSH_AFTER_MS = 50;
const MAX_EVENTS = 200;
/**
 * After QUIET_MS without a delivery, those stored within ALONE_FOR_MS of the next one (at most
 * ALONE_AT_MOST: one Sentry event's issue, error and alert deliveries) skip the batch window.
 */
const QUIET_MS = 1000;
const ALONE_FOR_MS = 250;
const ALONE_AT_MOST = 10;

let queue: { deliveryId: string; done: () => void }[] = [];
let timer: NodeJS.Timeout | undefined;
let lastFlush = Number.NEGATIVE_INFINITY;
let lastSent = Number.NEGATIVE_INFINITY;
let alone = { until: Number.NEGATIVE_INFINITY, left: 0 };

/**
 * Announces a stored delivery. Runs after the answer has gone back to Sentry. A delivery after
 * a quiet spell goes out at once; under load, sends go at most every FLUSH_AFTER_MS and the
 * deliveries stored in between share one, so a burst costs a handful of requests to Inngest
 * instead of one each. The first deliveries after a quiet second are announced alone and
 * processed at once (an error in a quiet hour does not wait out the batch window); under load
 * everything waits for the window, so a burst still shares batches. A failed send is logged,
 * not raised: the delivery is already durable and the sweeper will announce it.
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
    await inngest.send(announcements(batch.map((b) => b.deliveryId)));
  } catch (error) {
    log.warn(
      { deliveryIds: batch.slice(0, 20).map((b) => b.deliveryId), count: batch.length, err: error },
      "could not announce deliveries; the sweeper will",
    );
  } finally {
    for (const { done } of batch) done();
  }
}

/** The delivery id is the event id: Inngest drops a second announcement of the same delivery. */
function announcements(deliveryIds: string[]) {
  if (lastFlush - lastSent >= QUIET_MS) alone = { until: lastFlush + ALONE_FOR_MS, left: ALONE_AT_MOST };
  lastSent = lastFlush;
  const n = lastFlush <= alone.until ? Math.min(alone.left, deliveryIds.length) : 0;
  alone.left -= n;
  return [
    ...deliveryIds
      .slice(0, n)
      .map((deliveryId) => loneDeliveryReceived.create({ deliveryId }, { id: `alone-${deliveryId}` })),
    ...deliveryIds.slice(n).map((deliveryId) => deliveryReceived.create({ deliveryId }, { id: deliveryId })),
  ];
}

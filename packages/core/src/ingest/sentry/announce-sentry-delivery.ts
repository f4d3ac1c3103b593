import { describeError } from "@suture/db";
import { ingestBurstRate } from "../../config.ts";
import { inngest } from "../../inngest/client.ts";
import { deliveryReceived, loneDeliveryReceived } from "../../inngest/events.ts";
import { log } from "../../observability/log.ts";
import { ArrivalRate } from "./arrival-rate.ts";

const FLUSH_AFTER_MS = 50;
const MAX_EVENTS = 200;
/**
 * After QUIET_MS without a delivery, those stored within ALONE_FOR_MS of the next one (at most
 * ALONE_AT_MOST: one Sentry event's issue, error and alert deliveries) skip the batch window.
 */
const QUIET_MS = 1000;
const ALONE_FOR_MS = 250;
const ALONE_AT_MOST = 10;
/**
 * During a burst (more than `ingestBurstRate` deliveries stored in the last second) deliveries
 * are held and looked at again every HOLD_CHECK_MS; past HOLD_AT_MOST held, the oldest go anyway.
 */
const HOLD_CHECK_MS = 100;
const HOLD_AT_MOST = 10_000;

const queue: { deliveryId: string; done: () => void }[] = [];
let timer: NodeJS.Timeout | undefined;
let lastFlush = Number.NEGATIVE_INFINITY;
let lastSent = Number.NEGATIVE_INFINITY;
let alone = { until: Number.NEGATIVE_INFINITY, left: 0 };
const arrivals = new ArrivalRate();
let burst: { since: number; held: number } | null = null;

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
    const now = performance.now();
    arrivals.count(now);
    queue.push({ deliveryId, done });
    if (queue.length >= MAX_EVENTS && !inBurst(now)) flushNow();
    else timer ??= setTimeout(flushNow, Math.max(0, lastFlush + FLUSH_AFTER_MS - now));
  });
}

function inBurst(now: number): boolean {
  return ingestBurstRate > 0 && arrivals.lastSecond(now) > ingestBurstRate;
}

/** `flush` handles its own failures; this only keeps a bug in it from going unnoticed. */
function flushNow(): void {
  flush().catch((error: unknown) => log.error(`announcing deliveries failed: ${describeError(error)}`));
}

/**
 * Sends what is queued, in sends of at most MAX_EVENTS. During a burst only what is held past
 * HOLD_AT_MOST goes (the oldest first), and the queue is looked at again shortly.
 */
async function flush(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const now = performance.now();
  const holding = inBurst(now);
  noteBurst(now, holding);
  if (holding) timer = setTimeout(flushNow, HOLD_CHECK_MS);
  const batch = queue.splice(0, holding ? Math.max(0, queue.length - HOLD_AT_MOST) : queue.length);
  if (batch.length === 0) return;
  lastFlush = now;
  for (let start = 0; start < batch.length; start += MAX_EVENTS) await send(batch.slice(start, start + MAX_EVENTS));
}

async function send(batch: typeof queue): Promise<void> {
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

/** One log line when a burst begins holding deliveries back and one when it ends. */
function noteBurst(now: number, holding: boolean): void {
  if (holding && !burst) {
    burst = { since: now, held: queue.length };
    log.info({ perSecond: arrivals.lastSecond(now) }, "ingest burst: processing waits until it passes");
  } else if (holding && burst) {
    burst.held = Math.max(burst.held, queue.length);
  } else if (!holding && burst) {
    log.info(
      { seconds: Math.round((now - burst.since) / 100) / 10, held: burst.held },
      "ingest burst over: announcing the deliveries held",
    );
    burst = null;
  }
  // A burst is not a quiet spell: the first deliveries after it are not announced alone.
  if (holding) lastSent = now;
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

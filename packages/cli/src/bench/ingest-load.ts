import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import type postgres from "postgres";
import { deliveryHeaders } from "@suture/sentry";
import { fixturePath } from "@suture/sentry/fixtures";
import { openLoop, type SlowAnswers } from "./open-loop.ts";

export const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
/** The bench servers' SUTURE_METRICS_TOKEN. */
export const METRICS_TOKEN = "bench-metrics-0123456789abcdef";

export interface LoadResult {
  /** GET /api/health as fast as it goes (null when skipped). */
  health: number | null;
  maxWebhook: number | null;
  rate: number;
  achievedRate: number;
  p50: number;
  p99: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** Seconds from the end of the open-loop load until nothing is pending. */
  drainSeconds: number;
  /** The web server's event-loop delay p99 during the open loop (ms), from its /api/metrics. */
  webEventLoopP99: number;
  /** The load generator's event-loop p99 over the open loop (ms). */
  generatorLoopP99: number;
  /** The upper bound (ms) of the ack-histogram bucket holding the p99 of the time spent inside the route during the open loop. */
  handlerP99: number;
  /** The open loop's answers over the p99 target and when they bunched into stalls. */
  slow: SlowAnswers;
  accepted: number;
  lost: number;
  unprocessed: number;
}

const template = readFileSync(fixturePath("error.created.json"), "utf8");

/**
 * One workload against a running server: warm-up, health and webhook at their maximum (unless
 * skipped), the backlog left to drain, then an open loop at `rate` for `seconds`, the time its
 * backlog takes to drain, and every accepted id looked up in the database.
 */
export async function measureLoad(options: {
  base: string;
  sql: postgres.Sql;
  issue: (n: number) => number;
  rate: number;
  seconds: number;
  skipMaximum?: boolean;
}): Promise<LoadResult> {
  const { base, sql } = options;
  const accepted = new Set<string>();
  // Signed before each phase, so the load generator spends its CPU sending, not signing.
  let sequence = 0;
  let ready: { body: string; headers: Record<string, string> }[] = [];
  const prepare = (count: number) => {
    ready = Array.from({ length: count }, () => delivery(sequence++, options.issue)).reverse();
  };
  const next = () => ready.pop() ?? delivery(sequence++, options.issue);
  const run = (extra: Omit<autocannon.Options, "url">) => autocannon({ ...extra, url: base });
  const webhook = (extra: Omit<autocannon.Options, "url" | "requests">) =>
    run({
      connections: 20,
      ...extra,
      requests: [
        {
          method: "POST",
          path: "/api/sentry/webhooks",
          setupRequest: (request) => Object.assign(request, next()),
          onResponse: (status, body) => {
            if (status === 202) accepted.add((JSON.parse(body) as { deliveryId: string }).deliveryId);
          },
        },
      ],
    });

  await run({ connections: 10, duration: 3, requests: [{ method: "GET", path: "/api/health" }] });
  prepare(1500);
  await webhook({ duration: 3, connections: 10 });
  await drain(sql, 180); // the warm-up's backlog is processed before anything is measured
  let health: number | null = null;
  let maxWebhook: number | null = null;
  if (!options.skipMaximum) {
    console.log("health route, as fast as it goes (10 s)…");
    health = (await run({ connections: 20, duration: 10, requests: [{ method: "GET", path: "/api/health" }] })).requests
      .average;
    console.log("webhook route, as fast as it goes (10 s)…");
    prepare(8000);
    maxWebhook = (await webhook({ duration: 10 })).requests.average;
  }
  await drain(sql, 180);
  console.log(`webhook route at ${options.rate} deliveries/s (${options.seconds} s)…`);
  await eventLoopP99(base); // scraping resets the web server's event-loop histogram
  const handlerBefore = await ackBuckets(base);
  // The open loop signs each delivery when it is due (cheap at this rate): thousands of bodies
  // signed beforehand made the generator collect garbage in its first second, which it then
  // counted as the server's latency.
  ready = [];
  const steady = await openLoop({
    url: `${base}/api/sentry/webhooks`,
    rate: options.rate,
    seconds: options.seconds,
    next,
    onAnswer: (status, body) => {
      if (status === 202) accepted.add((JSON.parse(body) as { deliveryId: string }).deliveryId);
    },
  });
  const webEventLoopP99 = await eventLoopP99(base);
  const handlerP99 = bucketQuantile(handlerBefore, await ackBuckets(base), 0.99);
  const drainSeconds = await drain(sql, 120);
  const stored = await sql<{ id: string; status: string; observed: boolean }[]>`
    select d.id, d.status, exists(select 1 from observations o where o.delivery_id = d.id) as observed
    from webhook_deliveries d`;
  const byId = new Map(stored.map((row) => [row.id, row]));
  return {
    health,
    maxWebhook,
    rate: options.rate,
    achievedRate: steady.achievedRate,
    p50: steady.p50,
    p99: steady.p99,
    errors: steady.errors,
    errorKinds: steady.errorKinds,
    drainSeconds,
    webEventLoopP99,
    generatorLoopP99: steady.generatorLoopP99,
    handlerP99,
    slow: steady.slow,
    accepted: accepted.size,
    lost: [...accepted].filter((id) => !byId.has(id)).length,
    unprocessed: [...accepted].filter((id) => byId.get(id)?.status !== "processed" || !byId.get(id)?.observed).length,
  };
}

/** A unique error.created delivery (new event id) on the workload's issue, signed like Sentry. */
export function delivery(n: number, issue: (n: number) => number): { body: string; headers: Record<string, string> } {
  const body = template
    .replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", `${Date.now().toString(16)}${n.toString(16).padStart(20, "0")}`)
    .replaceAll("6123456789", String(issue(n)));
  return { body, headers: deliveryHeaders("error", body, SECRET) };
}

/** Waits until no delivery is pending (polling every 50 ms); the seconds it took. */
async function drain(sql: postgres.Sql, limitSeconds: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitSeconds * 1000) {
    const [row] = await sql<{ pending: number }[]>`
      select count(*)::int as pending from webhook_deliveries where status = 'pending'`;
    if (row?.pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return (performance.now() - started) / 1000;
}

/** `suture_nodejs_eventloop_lag_p99_seconds` of the web server, in ms (prom-client resets it on each scrape). */
async function eventLoopP99(base: string): Promise<number> {
  const line = (await metrics(base)).find((l) => l.startsWith("suture_nodejs_eventloop_lag_p99_seconds "));
  return Number(line?.split(" ")[1] ?? Number.NaN) * 1000;
}

function metrics(base: string): Promise<string[]> {
  return fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    .then((r) => r.text())
    .then((text) => text.split("\n"));
}

/** The Sentry route's ack histogram: cumulative count per upper bound (ms). */
async function ackBuckets(base: string): Promise<Map<number, number>> {
  const buckets = new Map<number, number>();
  for (const line of await metrics(base)) {
    if (!line.startsWith("suture_webhook_ack_seconds_bucket{") || !line.includes('source="sentry"')) continue;
    const match = /le="([^"]+)".*\} (\d+)$/.exec(line);
    if (match) buckets.set(match[1] === "+Inf" ? Infinity : Number(match[1]) * 1000, Number(match[2]));
  }
  return buckets;
}

/** The upper bound of the bucket holding quantile `q` of what was observed between two scrapes. */
function bucketQuantile(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const delta = (bound: number) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0);
  const total = delta(Infinity);
  return bounds.find((bound) => delta(bound) >= q * total) ?? Number.NaN;
}

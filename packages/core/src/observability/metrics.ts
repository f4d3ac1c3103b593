import { timingSafeEqual, createHash } from "node:crypto";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { fixRunCountsByStatus, pendingBacklog } from "@suture/db";
import { getDb } from "../database.ts";
import { env } from "../env.ts";

/**
 * Prometheus metrics, one registry per process. The web server's /api/metrics adds what the
 * database knows (backlog, lag, fix runs by status) at scrape time; the worker's /metrics has the
 * durations of what it ran. Labels take only values Suture chose (a resource Suture does not know
 * is `other`), so a stranger's webhook cannot grow the series.
 */
const registry = new Registry();
const store = globalThis as unknown as { __sutureMetricsStarted?: boolean };

const deliveries = new Counter({
  name: "suture_webhook_deliveries_total",
  help: "Webhook deliveries answered, by source, resource and outcome",
  labelNames: ["source", "resource", "outcome"] as const,
  registers: [registry],
});

const ackSeconds = new Histogram({
  name: "suture_webhook_ack_seconds",
  help: "Time from a webhook request's arrival to its answer",
  labelNames: ["source"] as const,
  buckets: [0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

const agentSeconds = new Histogram({
  name: "suture_agent_duration_seconds",
  help: "How long a fix run's coding agent ran, by outcome",
  labelNames: ["outcome"] as const,
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200],
  registers: [registry],
});

const testSeconds = new Histogram({
  name: "suture_test_duration_seconds",
  help: "How long a fix run's repository tests ran, by outcome",
  labelNames: ["outcome"] as const,
  buckets: [1, 5, 15, 30, 60, 120, 300, 600],
  registers: [registry],
});

const KNOWN_RESOURCES = new Set([
  "installation",
  "issue",
  "error",
  "event_alert",
  "metric_alert",
  "comment",
  "seer",
  "preprod_artifact",
  "pull_request",
  "pull_request_review",
  "check_suite",
  "check_run",
  "status",
  "ping",
]);

export type WebhookOutcome = "stored" | "ignored" | "duplicate" | "rejected" | "unavailable" | "failed" | "too_large";

export function observeWebhook(
  source: "sentry" | "github",
  resource: string | null,
  outcome: WebhookOutcome,
  seconds: number,
): void {
  deliveries.inc({ source, resource: resource && KNOWN_RESOURCES.has(resource) ? resource : "other", outcome });
  ackSeconds.observe({ source }, seconds);
}

export function observeAgent(outcome: "finished" | "failed" | "timed_out", seconds: number): void {
  agentSeconds.observe({ outcome }, seconds);
}

export function observeTests(outcome: "passed" | "failed" | "timed_out", seconds: number): void {
  testSeconds.observe({ outcome }, seconds);
}

/** Gauges read from the database when scraped: the web server registers them (once per cluster is enough). */
export function registerDatabaseGauges(): void {
  if (registry.getSingleMetric("suture_pending_deliveries")) return;
  let backlog: Promise<{ pending: number; oldestSeconds: number }> | null = null;
  const readBacklog = () =>
    (backlog ??= getDb()
      .then(pendingBacklog)
      .finally(() => setTimeout(() => (backlog = null), 0)));
  new Gauge({
    name: "suture_pending_deliveries",
    help: "Deliveries stored and not yet processed",
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).pending);
    },
  });
  new Gauge({
    name: "suture_processing_lag_seconds",
    help: "Age of the oldest delivery not yet processed (0 when none is waiting)",
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).oldestSeconds);
    },
  });
  new Gauge({
    name: "suture_fix_runs",
    help: "Fix runs by status",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await fixRunCountsByStatus(await getDb())) this.set({ status: row.status }, row.runs);
    },
  });
}

/** The process's metrics in Prometheus' text format (default Node metrics included). */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  if (!store.__sutureMetricsStarted) {
    store.__sutureMetricsStarted = true;
    collectDefaultMetrics({ register: registry, prefix: "suture_" });
  }
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/**
 * Whether a scrape may read the metrics: only with `Authorization: Bearer $SUTURE_METRICS_TOKEN`.
 * Unset, the endpoint is off (`disabled`).
 */
export function metricsAccess(authorization: string | null): "allowed" | "denied" | "disabled" {
  const token = env.SUTURE_METRICS_TOKEN;
  if (!token) return "disabled";
  const given = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return given && timingSafeEqual(digest(given), digest(token)) ? "allowed" : "denied";
}

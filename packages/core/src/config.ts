import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir, usesEmbeddedDatabase } from "@suture/db";
import { env } from "./env.ts";

/** True when Suture runs on its embedded defaults: PGlite, and no Inngest configured. */
export const isEmbeddedDatabase = usesEmbeddedDatabase();

/** Unknown installations go to `default`: by default on the embedded database only. */
export const autoRoute = env.SUTURE_AUTO_ROUTE ?? isEmbeddedDatabase;

/**
 * The embedded executor runs unless INNGEST_DEV, Inngest Cloud keys or a self-hosted Inngest
 * server (INNGEST_BASE_URL) say where Inngest is.
 */
export const embeddedExecutor =
  !env.INNGEST_DEV && !env.INNGEST_EVENT_KEY && !env.INNGEST_SIGNING_KEY && !env.INNGEST_BASE_URL;

/** Which process serves the Inngest functions: the worker (`pnpm start`), or the web server. */
export const functionsIn = env.SUTURE_FUNCTIONS;

export const workerPort = env.SUTURE_WORKER_PORT;

export const workerHost = env.SUTURE_WORKER_HOST;

/** This process runs under `pnpm start`'s supervisor. */
export const supervised = env.SUTURE_SUPERVISED ?? false;

export const executorPort = env.SUTURE_EXECUTOR_PORT;

export const executorUrl = `http://127.0.0.1:${executorPort}`;

/** The process that serves the functions, as the executor (or Inngest) reaches it by default. */
const servingOrigin = `http://127.0.0.1:${functionsIn === "worker" ? workerPort : env.PORT}`;

export const serveUrl = `${env.SUTURE_SERVE_ORIGIN ?? servingOrigin}/api/inngest`;

/** The worker's own address, for the web server's health check on the embedded defaults. */
export const workerUrl = `http://127.0.0.1:${workerPort}`;

/**
 * The URL the app registers for its functions, as `serve()` options: fixed by configuration,
 * never read from a request's Host header. Always on the embedded executor; otherwise only when
 * SUTURE_SERVE_ORIGIN is set (else the SDK's INNGEST_SERVE_ORIGIN, else the request).
 */
export const serveEndpoint =
  embeddedExecutor || env.SUTURE_SERVE_ORIGIN
    ? { serveOrigin: new URL(serveUrl).origin, servePath: new URL(serveUrl).pathname }
    : null;

/** INNGEST_DEV makes the SDK run in dev mode (as the SDK reads it): /api/inngest then checks no signatures. */
export const inngestDevMode = !!env.INNGEST_DEV && !["0", "false"].includes(env.INNGEST_DEV.trim().toLowerCase());

export const sweepAfterSeconds = env.SUTURE_SWEEP_AFTER_SECONDS;

/**
 * Deliveries per second above which processing waits for the burst to pass (0: never). On by
 * default only where the worker shares the machine with the web server: the embedded executor.
 */
export const ingestBurstRate = env.SUTURE_INGEST_BURST_RATE ?? (embeddedExecutor ? 300 : 0);

/** When the recovery sync runs (a cron expression), or null when SUTURE_SENTRY_SYNC_CRON is `off`. */
export const sentrySyncCron =
  env.SUTURE_SENTRY_SYNC_CRON.trim().toLowerCase() === "off" ? null : env.SUTURE_SENTRY_SYNC_CRON.trim();

let cachedSecrets: string[] | undefined;

/**
 * The client secrets deliveries are verified against. SENTRY_CLIENT_SECRET wins; on the
 * embedded defaults without it, a random secret is made once and kept in the data folder so
 * `suture send` and the server agree — never a well-known default someone could sign with.
 */
export function clientSecrets(): string[] {
  if (cachedSecrets) return cachedSecrets;
  const configured = (env.SENTRY_CLIENT_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (configured.length > 0 || !isEmbeddedDatabase) return (cachedSecrets = configured);
  if (dataDir() === "memory://") return (cachedSecrets = [randomBytes(32).toString("hex")]);
  const file = localSecretFile();
  if (!existsSync(file)) {
    mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return (cachedSecrets = [readFileSync(file, "utf8").trim()]);
}

export function localSecretFile(): string {
  return join(dataDir(), "sentry-client-secret");
}

/** Why `pnpm start:worker` alone cannot run on the embedded defaults. */
export const embeddedExecutorRequired =
  "no Inngest is configured: a worker on its own needs Inngest Cloud (INNGEST_EVENT_KEY + INNGEST_SIGNING_KEY) " +
  "or a self-hosted Inngest server (INNGEST_BASE_URL + the keys); `pnpm start` runs the worker with an embedded executor";

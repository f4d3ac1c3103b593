import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { embeddedExecutorRequired, startSuture, supervised, workerHost, workerPort } from "@suture/core";
import { closeDb, getDb } from "@suture/core/database";
import { functions, inngest, serveOptions } from "@suture/core/inngest";
import { log, metricsAccess, metricsText } from "@suture/core/observability";
import { pingDatabase } from "@suture/db";
import { serve } from "inngest/node";

/** Inngest's calls carry a function's state; anything larger than this is not Inngest's. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export interface Worker {
  server: Server;
  url: string;
  stop: () => Promise<void>;
}

/**
 * Opens (and migrates) the database, then serves `/api/inngest` (the functions, every call
 * signed), `/health` (200 once the database answers) and `/metrics` (Prometheus, behind
 * SUTURE_METRICS_TOKEN) on SUTURE_WORKER_PORT.
 */
export async function startWorker(): Promise<Worker> {
  const report = await startSuture();
  if (report.executor && !supervised) throw new Error(embeddedExecutorRequired);
  // Under the supervisor the web server has said them already.
  if (!supervised) for (const warning of report.warnings) log.warn(warning);
  const handler = serve({ client: inngest, functions, ...serveOptions });
  const server = createServer((request, response) => {
    route(request, response, handler).catch((error: unknown) => {
      log.error({ err: error, path: request.url }, "worker request failed");
      if (!response.headersSent) json(response, 500, { error: "internal error" });
      else response.destroy();
    });
  });
  const host = workerHost;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(workerPort, host, () => resolve());
  });
  const url = `http://${host}:${workerPort}`;
  log.info(
    `worker serving ${functions.length} Inngest functions at ${url}/api/inngest (database ${report.database}; ` +
      `agent sandbox: ${report.sandbox ?? "none, the agent settings are invalid"})`,
  );
  return {
    server,
    url,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDb();
    },
  };
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  handler: (request: IncomingMessage, response: ServerResponse) => unknown,
): Promise<void> {
  const path = new URL(request.url ?? "/", "http://worker").pathname;
  if (path === "/api/inngest") {
    const length = Number(request.headers["content-length"] ?? 0);
    if (request.method !== "GET" && !(length <= MAX_REQUEST_BYTES)) {
      return json(response, 413, { error: `body is larger than ${MAX_REQUEST_BYTES} bytes` });
    }
    await handler(request, response);
    return;
  }
  if (path === "/health" && request.method === "GET") {
    const ok = await getDb()
      .then(pingDatabase)
      .then(
        () => true,
        () => false,
      );
    return json(
      response,
      ok ? 200 : 503,
      ok ? { status: "ok" } : { status: "unavailable", error: "database unreachable" },
    );
  }
  if (path === "/metrics" && request.method === "GET") {
    const access = metricsAccess(request.headers.authorization ?? null);
    if (access !== "allowed")
      return json(response, access === "disabled" ? 404 : 401, { error: METRICS_ERRORS[access] });
    const { contentType, body } = await metricsText();
    response.writeHead(200, { "content-type": contentType });
    response.end(body);
    return;
  }
  json(response, 404, { error: "not found: the worker serves /api/inngest, /health and /metrics" });
}

const METRICS_ERRORS = {
  disabled: "metrics are off: set SUTURE_METRICS_TOKEN",
  denied: "send Authorization: Bearer <SUTURE_METRICS_TOKEN>",
};

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

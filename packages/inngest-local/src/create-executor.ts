import type { AddressInfo } from "node:net";
import { AppSync } from "./app-sync.ts";
import { Batcher } from "./batcher.ts";
import { ConcurrencyLimiter } from "./concurrency-limiter.ts";
import { CronTicker } from "./cron-ticker.ts";
import { EventDedup } from "./event-dedup.ts";
import { EventRouter, InvalidEventError } from "./event-router.ts";
import { FunctionRegistry, RegistrationError } from "./function-registry.ts";
import { createHttpServer, type HttpReply } from "./http-server.ts";
import { PendingTracker } from "./pending-tracker.ts";
import { RunHistory } from "./run-history.ts";
import { RunManager } from "./run-manager.ts";
import { SdkClient } from "./sdk-client.ts";
import { hashedSigningKey, isSigningKey, sameSecret } from "./signing.ts";
import { TimerSet } from "./timer-set.ts";
import type { EventPayload, Executor, ExecutorOptions, FunctionConfig, LogFn } from "./types.ts";
import { WaitRegistry } from "./wait-registry.ts";

const defaultLog: LogFn = (level, message, fields) => {
  if (level === "debug") return;
  const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  console[level](`${message}${extra}`);
};

const DAY_MS = 86_400_000;

const defaultBackoff = (attempt: number): number => Math.min(1000 * 2 ** Math.max(0, attempt - 1), 60_000);

/** An embedded stand-in for the Inngest Dev Server that drives the app's `serve()` endpoint. */
export function createExecutor(options: ExecutorOptions): Executor {
  const { signingKey, eventKey } = options;
  if (signingKey === undefined && options.unsigned !== true) {
    throw new Error(
      "inngest-local: pass the app's signingKey (and eventKey), or unsigned: true for an SDK in dev mode",
    );
  }
  if (signingKey !== undefined && !isSigningKey(signingKey)) {
    throw new Error("inngest-local: signingKey must look like signkey-<env>-<hex digits>, as the Inngest SDK expects");
  }
  if (eventKey === "") throw new Error("inngest-local: eventKey is empty");
  const bearer = signingKey === undefined ? undefined : `Bearer ${hashedSigningKey(signingKey)}`;
  const serveTarget = endpointOf(options.serveUrl);
  const log = options.log ?? defaultLog;
  const host = options.host ?? "127.0.0.1";
  let port = options.port ?? 8288;
  let stopped = false;

  const timers = new TimerSet();
  const pending = new PendingTracker();
  const registry = new FunctionRegistry(log);
  const sdk = new SdkClient(signingKey, options.maxConcurrentRequests ?? 100);
  const waits = new WaitRegistry();
  const history = new RunHistory(options.maxRunHistory ?? 1000);
  const limiter = new ConcurrencyLimiter();
  const urlHost =
    host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = (): string => `http://${urlHost}:${port}`;

  const runs = new RunManager({
    registry,
    sdk,
    limiter,
    waits,
    history,
    pending,
    timers,
    log,
    backoffMs: options.retryBackoffMs ?? defaultBackoff,
    // Runs emit lifecycle events through the router, which is built after them; only called later.
    emit: (events) => eventRouter.route(events),
  });
  const batcher = new Batcher(
    timers,
    (fn, events) => runs.start(fn, events),
    () => pending.add(),
    () => pending.done(),
  );
  const eventRouter = new EventRouter({
    registry,
    waits,
    batcher,
    runs,
    idDedup: new EventDedup(DAY_MS, 500_000),
    seedDedup: new EventDedup(10 * 60_000, 100_000),
    pending,
    log,
  });
  const cron = new CronTicker(registry, timers, (fn, event) => runs.start(fn, [event]));
  const appSync = new AppSync({ serveUrl: options.serveUrl, sdk, registry, timers, log, executorUrl: url });

  const register = (body: unknown): HttpReply => {
    const functions = (body as { functions?: unknown } | null)?.functions;
    if (!Array.isArray(functions))
      return { status: 400, body: { status: 400, error: "register body has no functions array" } };
    // Runs are called at the URLs the app registers: they must be the serve URL this executor syncs.
    const elsewhere = registeredUrls(body, functions as FunctionConfig[]).find((u) => endpointOf(u) !== serveTarget);
    if (elsewhere !== undefined) {
      const error = `inngest-local: the app registered ${elsewhere}, not ${options.serveUrl}; set its serve origin and path (serveOrigin/servePath) to match`;
      log("error", error);
      return { status: 400, body: { status: 400, error } };
    }
    try {
      registry.register(functions as FunctionConfig[]);
    } catch (err) {
      if (!(err instanceof RegistrationError)) throw err;
      log("error", err.message);
      return { status: 400, body: { status: 400, error: err.message } };
    }
    eventRouter.flush();
    return { status: 200, body: { ok: true, status: 200, modified: true } };
  };

  const receiveEvents = (body: unknown, seed: string | undefined): HttpReply => {
    try {
      const ids = eventRouter.accept((Array.isArray(body) ? body : [body]) as EventPayload[], seed);
      // The SDK retries (and finally throws) unless `status` is 200.
      return { status: 200, body: { ids, status: 200 } };
    } catch (err) {
      if (!(err instanceof InvalidEventError)) throw err;
      return { status: 400, body: { status: 400, error: err.message } };
    }
  };

  const server = createHttpServer(
    {
      // Without a signing key (unsigned: true) anyone may register, as with the Dev Server.
      mayRegister: (authorization) =>
        bearer === undefined || (authorization !== undefined && sameSecret(authorization, bearer)),
      maySend: (key) => (eventKey === undefined ? bearer === undefined : sameSecret(key, eventKey)),
      register,
      events: receiveEvents,
      info: () => ({ ok: true, serveUrl: options.serveUrl, functions: registry.all().length, activeRuns: runs.size }),
    },
    (err) => log("error", `inngest-local: request failed: ${err instanceof Error ? err.message : String(err)}`),
  );

  return {
    get url() {
      return url();
    },
    async start() {
      if (stopped) throw new Error("inngest-local: executor was stopped");
      if (!server.listening) {
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(port, host, () => {
            server.off("error", reject);
            resolve();
          });
        });
        port = (server.address() as AddressInfo).port;
        log("info", `inngest-local: listening on ${url()}, driving ${options.serveUrl}`);
        if (bearer === undefined)
          log(
            "warn",
            "inngest-local: unsigned: any process that reaches this port may register functions and send events",
          );
      }
      if (options.cron !== false) cron.startClock();
      appSync.startBackground();
    },
    async sync() {
      await appSync.syncOnce();
    },
    async send(events) {
      if (stopped) throw new Error("inngest-local: executor was stopped");
      const list = Array.isArray(events) ? events : [events];
      // Events from `eventType(...).create()` carry a schema check the SDK runs before sending.
      for (const event of list) {
        const validate = (event as { validate?: unknown }).validate;
        if (typeof validate === "function") await (validate as () => Promise<void>).call(event);
      }
      return eventRouter.accept(list);
    },
    idle(timeoutMs) {
      return pending.whenIdle(timeoutMs, () => `${runs.size} runs active, ${batcher.size} batches open`);
    },
    functions: () => registry.all().map((fn) => fn.config),
    runs: () => history.list(),
    tickCron: (date) => cron.tick(date),
    async stop() {
      if (stopped) return;
      stopped = true;
      appSync.stop();
      cron.stop();
      timers.clearAll();
      batcher.clear();
      eventRouter.clear();
      // Abort first so runs freed by cancellation can't start new requests to the app.
      sdk.close();
      runs.cancelAll();
      pending.flush();
      if (server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
    },
  };
}

/** `origin + path` of a URL (query and trailing slashes ignored), or the text itself when it is no URL. */
function endpointOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
  } catch {
    return url;
  }
}

/** Every URL a registration names: the app's own and each function's step URLs. */
function registeredUrls(body: unknown, functions: FunctionConfig[]): string[] {
  const urls: string[] = [];
  const appUrl = (body as { url?: unknown }).url;
  if (typeof appUrl === "string") urls.push(appUrl);
  for (const fn of functions) {
    for (const step of Object.values(fn?.steps ?? {})) {
      const url = (step as { runtime?: { url?: unknown } } | undefined)?.runtime?.url;
      if (typeof url === "string") urls.push(url);
    }
  }
  return urls;
}

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AppSync } from "./app-sync.ts";
import { Batcher } from "./batcher.ts";
import { ConcurrencyLimiter } from "./concurrency-limiter.ts";
import { CronTicker } from "./cron-ticker.ts";
import { EventDedup } from "./event-dedup.ts";
import { EventRouter, InvalidEventError } from "./event-router.ts";
import { FunctionRegistry, RegistrationError } from "./function-registry.ts";
import { createHttpServer, type HttpHandlers, type HttpReply } from "./http-server.ts";
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

/** The app's keys, checked; `bearer` is how the app signs its registration, when it signs. */
interface Keys {
  signingKey: string | undefined;
  eventKey: string | undefined;
  bearer: string | undefined;
}

/** Where this executor listens; the port is known for sure once it does. */
interface Listener {
  host: string;
  port: number;
  url: () => string;
}

/** The parts that route events to runs, and the clock and sync that feed them. */
interface Engine {
  log: LogFn;
  timers: TimerSet;
  pending: PendingTracker;
  registry: FunctionRegistry;
  sdk: SdkClient;
  history: RunHistory;
  runs: RunManager;
  batcher: Batcher;
  eventRouter: EventRouter;
  cron: CronTicker;
  appSync: AppSync;
}

/** An embedded stand-in for the Inngest Dev Server that drives the app's `serve()` endpoint. */
export function createExecutor(options: ExecutorOptions): Executor {
  const keys = checkKeys(options);
  const listener = listenerFor(options);
  const engine = buildEngine(options, keys.signingKey, listener.url);
  const server = createHttpServer(httpHandlers(options, keys, engine), (err) =>
    engine.log("error", `inngest-local: request failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  return executorHandle(options, engine, server, listener, keys.bearer);
}

function checkKeys(options: ExecutorOptions): Keys {
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
  return { signingKey, eventKey, bearer };
}

function listenerFor(options: ExecutorOptions): Listener {
  const host = options.host ?? "127.0.0.1";
  const urlHost =
    host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const listener: Listener = {
    host,
    port: options.port ?? 8288,
    url: () => `http://${urlHost}:${listener.port}`,
  };
  return listener;
}

function buildEngine(options: ExecutorOptions, signingKey: string | undefined, url: () => string): Engine {
  const log = options.log ?? defaultLog;
  const timers = new TimerSet();
  const pending = new PendingTracker();
  const registry = new FunctionRegistry(log);
  const sdk = new SdkClient(signingKey, options.maxConcurrentRequests ?? 100);
  const waits = new WaitRegistry();
  const history = new RunHistory(options.maxRunHistory ?? 1000);
  const runs = new RunManager({
    registry,
    sdk,
    limiter: new ConcurrencyLimiter(),
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
  return { log, timers, pending, registry, sdk, history, runs, batcher, eventRouter, cron, appSync };
}

function httpHandlers(options: ExecutorOptions, keys: Keys, engine: Engine): HttpHandlers {
  const { bearer, eventKey } = keys;
  return {
    // Without a signing key (unsigned: true) anyone may register, as with the Dev Server.
    mayRegister: (authorization) =>
      bearer === undefined || (authorization !== undefined && sameSecret(authorization, bearer)),
    maySend: (key) => (eventKey === undefined ? bearer === undefined : sameSecret(key, eventKey)),
    register: (body) => register(options.serveUrl, engine, body),
    events: (body, seed) => receiveEvents(engine.eventRouter, body, seed),
    info: () => ({
      ok: true,
      serveUrl: options.serveUrl,
      functions: engine.registry.all().length,
      activeRuns: engine.runs.size,
    }),
  };
}

function register(serveUrl: string, engine: Engine, body: unknown): HttpReply {
  const functions = (body as { functions?: unknown } | null)?.functions;
  if (!Array.isArray(functions))
    return { status: 400, body: { status: 400, error: "register body has no functions array" } };
  // Runs are called at the URLs the app registers: they must be the serve URL this executor syncs.
  const serveTarget = endpointOf(serveUrl);
  const elsewhere = registeredUrls(body, functions as FunctionConfig[]).find((u) => endpointOf(u) !== serveTarget);
  if (elsewhere !== undefined) {
    const error = `inngest-local: the app registered ${elsewhere}, not ${serveUrl}; set its serve origin and path (serveOrigin/servePath) to match`;
    engine.log("error", error);
    return { status: 400, body: { status: 400, error } };
  }
  try {
    engine.registry.register(functions as FunctionConfig[]);
  } catch (err) {
    if (!(err instanceof RegistrationError)) throw err;
    engine.log("error", err.message);
    return { status: 400, body: { status: 400, error: err.message } };
  }
  engine.eventRouter.flush();
  return { status: 200, body: { ok: true, status: 200, modified: true } };
}

function receiveEvents(eventRouter: EventRouter, body: unknown, seed: string | undefined): HttpReply {
  try {
    const ids = eventRouter.accept((Array.isArray(body) ? body : [body]) as EventPayload[], seed);
    // The SDK retries (and finally throws) unless `status` is 200.
    return { status: 200, body: { ids, status: 200 } };
  } catch (err) {
    if (!(err instanceof InvalidEventError)) throw err;
    return { status: 400, body: { status: 400, error: err.message } };
  }
}

function executorHandle(
  options: ExecutorOptions,
  engine: Engine,
  server: Server,
  listener: Listener,
  bearer: string | undefined,
): Executor {
  const { registry, history, runs, batcher, eventRouter, cron, appSync, pending } = engine;
  let stopped = false;
  return {
    get url() {
      return listener.url();
    },
    async start() {
      if (stopped) throw new Error("inngest-local: executor was stopped");
      if (!server.listening) await listen(server, listener, options.serveUrl, engine.log, bearer);
      if (options.cron !== false) cron.startClock();
      appSync.startBackground();
    },
    async sync() {
      await appSync.syncOnce();
    },
    async send(events) {
      if (stopped) throw new Error("inngest-local: executor was stopped");
      const list = Array.isArray(events) ? events : [events];
      await validateEvents(list);
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
      await shutDown(engine, server);
    },
  };
}

async function listen(
  server: Server,
  listener: Listener,
  serveUrl: string,
  log: LogFn,
  bearer: string | undefined,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listener.port, listener.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  listener.port = (server.address() as AddressInfo).port;
  log("info", `inngest-local: listening on ${listener.url()}, driving ${serveUrl}`);
  if (bearer === undefined)
    log("warn", "inngest-local: unsigned: any process that reaches this port may register functions and send events");
}

/** Events from `eventType(...).create()` carry a schema check the SDK runs before sending. */
async function validateEvents(list: readonly EventPayload[]): Promise<void> {
  for (const event of list) {
    const validate = (event as { validate?: unknown }).validate;
    if (typeof validate === "function") await (validate as () => Promise<void>).call(event);
  }
}

async function shutDown(engine: Engine, server: Server): Promise<void> {
  engine.appSync.stop();
  engine.cron.stop();
  engine.timers.clearAll();
  engine.batcher.clear();
  engine.eventRouter.clear();
  // Abort first so runs freed by cancellation can't start new requests to the app.
  engine.sdk.close();
  engine.runs.cancelAll();
  engine.pending.flush();
  if (server.listening) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
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

import { pingDatabase } from "@suture/db";
import { functionsIn, workerUrl } from "./config.ts";
import { withDatabase } from "./database.ts";
import { env } from "./env.ts";
import { log } from "./observability/log.ts";

export interface Health {
  ready: boolean;
  body: { status: "ok" | "unavailable"; database: "ok" | "unreachable"; worker?: "ok" | "unreachable" };
}

const WORKER_TIMEOUT_MS = 500;
/** The worker's answer is reused this long, so a busy health check does not load the worker. */
const WORKER_CACHE_MS = 1000;
let workerCheck: { at: number; ok: Promise<boolean> } | null = null;

/**
 * Whether this server can do its job: the database answers and, under `pnpm start`'s supervisor
 * with the functions in the worker, the worker does too. Until then /api/health answers 503.
 */
export async function checkHealth(): Promise<Health> {
  const supervisedWorker = functionsIn === "worker" && !!env.SUTURE_SUPERVISED;
  const [database, worker] = await Promise.all([
    withDatabase(pingDatabase).then((result) => result.status === "answered"),
    supervisedWorker ? workerAnswers() : Promise.resolve(true),
  ]);
  return {
    ready: database && worker,
    body: {
      status: database && worker ? "ok" : "unavailable",
      database: database ? "ok" : "unreachable",
      ...(supervisedWorker ? { worker: worker ? ("ok" as const) : ("unreachable" as const) } : {}),
    },
  };
}

function workerAnswers(): Promise<boolean> {
  const now = performance.now();
  if (workerCheck && now - workerCheck.at < WORKER_CACHE_MS) return workerCheck.ok;
  const ok = fetch(`${workerUrl}/health`, { signal: AbortSignal.timeout(WORKER_TIMEOUT_MS) }).then(
    (response) => response.ok,
    () => false,
  );
  workerCheck = { at: now, ok };
  return ok;
}

/**
 * A child of `pnpm start`'s supervisor exits when the supervisor is gone (killed with SIGKILL, say),
 * rather than live on holding its port with no database behind it.
 */
export function exitWithSupervisor(): void {
  if (!env.SUTURE_SUPERVISED || env.SUTURE_PROCESS === "supervisor") return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent) return;
    log.warn("the supervisor is gone: exiting");
    process.exit(1);
  }, 1000).unref();
}

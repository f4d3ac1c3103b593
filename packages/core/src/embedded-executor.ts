import { createExecutor, type Executor } from "@suture/inngest-local";
import { sweepRequested } from "./inngest/events.ts";
import { log } from "./observability/log.ts";
import type { StartupReport } from "./startup.ts";

const store = globalThis as unknown as { __sutureExecutor?: Executor };

/**
 * Starts the embedded Inngest executor (once per process) on the keys the app's client shares,
 * driving `settings.serveUrl` — the web server's /api/inngest, or the worker's. After it has
 * synced, one sweep re-announces deliveries a crash left pending and resumes runs the previous
 * process left running, so a restart loses nothing.
 */
export async function startEmbeddedExecutor(settings: NonNullable<StartupReport["executor"]>): Promise<Executor> {
  if (store.__sutureExecutor) return store.__sutureExecutor;
  const executor = createExecutor({
    serveUrl: settings.serveUrl,
    port: settings.port,
    // The app's client has the same keys: the executor signs its calls to /api/inngest, and
    // takes registrations and events only from holders of these keys.
    signingKey: settings.signingKey,
    eventKey: settings.eventKey,
    log: (level, message) => {
      if (level !== "debug") log[level](message);
    },
  });
  store.__sutureExecutor = executor;
  await executor.start();
  log.info(
    `embedded Inngest executor on ${executor.url}, serving ${settings.serveUrl} (signed; ` +
      `keys ${settings.keyFile ? `in ${settings.keyFile}` : "in memory"})`,
  );
  // Not awaited: the server answers while the executor syncs; the sweep retries until it has run.
  sweepWhenSynced(executor).catch((error: unknown) => log.error({ err: error }, "boot sweep failed"));
  return executor;
}

async function sweepWhenSynced(executor: Executor): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await executor.sync();
      // The previous process's executor state died with it: its `running` fix runs are orphans.
      await executor.send([sweepRequested.create({ olderThanSeconds: 0, resumeRunning: true })]);
      return;
    } catch (error) {
      if (attempt % 10 === 9) log.warn(`executor sync still failing: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 2000)));
    }
  }
}

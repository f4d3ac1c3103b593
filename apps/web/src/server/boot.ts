import { prepareSetupLink, setupUrl, startSuture } from "@suture/core";
import { sweepRequested } from "@suture/core/inngest";
import { createExecutor, type Executor } from "@suture/inngest-local";

const store = globalThis as unknown as { __sutureExecutor?: Executor };

/**
 * Runs once per server process. With no Inngest configured, the embedded executor drives this
 * app's own /api/inngest; after it has synced, one sweep re-announces deliveries a crash
 * left pending, so a restart loses nothing.
 */
export async function boot(): Promise<void> {
  const report = await startSuture();
  console.log(
    `[suture] database ${report.database}; auto-route ${report.autoRoute ? "on" : "off"}; ` +
      `${report.secrets} Sentry client secret(s)${report.secretFile ? ` (local secret in ${report.secretFile})` : ""}`,
  );
  for (const warning of report.warnings) console.warn(`[suture] ${warning}`);
  const setupToken = await prepareSetupLink();
  if (setupToken) {
    console.log(`[suture] no users yet: create the first admin at ${setupUrl(setupToken)} (the link works once)`);
  }
  if (report.secrets === 0) {
    console.warn("[suture] SENTRY_CLIENT_SECRET is not set: every Sentry delivery will be refused with 401");
  }
  if (!report.executor || store.__sutureExecutor) return;

  const executor = createExecutor({
    serveUrl: report.executor.serveUrl,
    port: report.executor.port,
    // The app's client has the same keys: the executor signs its calls to /api/inngest, and
    // takes registrations and events only from holders of these keys.
    signingKey: report.executor.signingKey,
    eventKey: report.executor.eventKey,
    log: (level, message) => {
      if (level !== "debug") console[level === "info" ? "log" : level](`[suture] ${message}`);
    },
  });
  store.__sutureExecutor = executor;
  await executor.start();
  console.log(
    `[suture] embedded Inngest executor on ${executor.url}, serving ${report.executor.serveUrl} (signed; ` +
      `keys ${report.executor.keyFile ? `in ${report.executor.keyFile}` : "in memory"})`,
  );
  // Not awaited: the server answers while the executor syncs; the sweep retries until it has run.
  sweepWhenSynced(executor).catch((error: unknown) => console.error(`[suture] boot sweep failed: ${String(error)}`));
}

async function sweepWhenSynced(executor: Executor): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await executor.sync();
      // The previous process's executor state died with it: its `running` fix runs are orphans.
      await executor.send([sweepRequested.create({ olderThanSeconds: 0, resumeRunning: true })]);
      return;
    } catch (error) {
      if (attempt % 10 === 9) console.warn(`[suture] executor sync still failing: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 2000)));
    }
  }
}

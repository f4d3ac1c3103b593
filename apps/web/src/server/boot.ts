import { exitWithSupervisor, functionsIn, prepareSetupLink, setupUrl, startSuture } from "@suture/core";
import { startEmbeddedExecutor } from "@suture/core/executor";
import { log } from "@suture/core/observability";

/**
 * Runs once per server process. With no Inngest configured and the functions served here
 * (SUTURE_FUNCTIONS=web), the embedded executor drives this app's own /api/inngest; with the
 * functions in the worker, `pnpm start`'s supervisor runs the executor and the worker.
 */
export async function boot(): Promise<void> {
  exitWithSupervisor();
  const report = await startSuture();
  log.info(
    `database ${report.database}; auto-route ${report.autoRoute ? "on" : "off"}; ` +
      `${report.secrets} Sentry client secret(s)${report.secretFile ? ` (local secret in ${report.secretFile})` : ""}; ` +
      `functions served by the ${functionsIn === "web" ? "web server" : "worker"}; ` +
      `agent sandbox: ${report.sandbox ?? "none (the agent settings are invalid)"}`,
  );
  for (const warning of report.warnings) log.warn(warning);
  const setupToken = await prepareSetupLink();
  if (setupToken) log.info(`no users yet: create the first admin at ${setupUrl(setupToken)} (the link works once)`);
  if (report.secrets === 0) {
    log.warn("SENTRY_CLIENT_SECRET is not set: every Sentry delivery will be refused with 401");
  }
  if (report.executor && functionsIn === "web") await startEmbeddedExecutor(report.executor);
}

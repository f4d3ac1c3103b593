// The worker: serves Suture's Inngest functions over HTTP, and nothing else. `pnpm start` runs it
// under its supervisor; `pnpm start:worker` runs it alone, against Inngest Cloud or a self-hosted
// Inngest server.
import { setEnv } from "./env.ts";

setEnv({ SUTURE_FUNCTIONS: "worker" });

const { startWorker } = await import("./worker.ts");
const { log } = await import("@suture/core/observability");
const { exitWithSupervisor } = await import("@suture/core");
exitWithSupervisor();

try {
  const worker = await startWorker();
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // A second signal (Ctrl-C reaches the worker from the terminal and from its supervisor) waits.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: stopping`);
      worker.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  log.fatal({ err: (error as { cause?: unknown }).cause ?? error }, `cannot start: ${String(error)}`);
  process.exit(1);
}

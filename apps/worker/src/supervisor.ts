import { setPriority } from "node:os";
import { pgliteDir, startPgliteServer, type PgliteServer, usesEmbeddedDatabase } from "@suture/db";
import { startSuture } from "@suture/core";
import { startEmbeddedExecutor } from "@suture/core/executor";
import { closeDb } from "@suture/core/database";
import { log } from "@suture/core/observability";
import { type ChildSpec, supervise, type Supervised } from "./child.ts";
import { setEnv } from "./env.ts";

/** What the supervisor started, so a stop (or a failed start) undoes exactly that. */
interface Started {
  database: PgliteServer | null;
  executor: { stop: () => Promise<void> } | null;
  children: Supervised[];
  stopping: boolean;
}

/**
 * Starts the shared pieces, then the children, and exits when the web server stops (with its
 * code) or on SIGTERM/SIGINT (0), after stopping the rest. A start that fails says why and exits 1.
 */
export async function runSupervisor(children: { web: ChildSpec; worker: ChildSpec | null }): Promise<void> {
  const started: Started = { database: null, executor: null, children: [], stopping: false };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // `on`, not `once`: Ctrl-C reaches the supervisor twice (from the terminal and from the
    // wrapper that started it); a second signal must not kill it before it has cleaned up.
    process.on(signal, () => {
      if (started.stopping) return;
      log.info(`${signal}: stopping the web server${children.worker ? " and the worker" : ""}`);
      stopAll(started).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  try {
    if (children.worker) await startShared(started);
    if (children.worker) started.children.push(supervise(children.worker));
    const web = supervise(children.web);
    started.children.push(web);
    // With the database elsewhere the supervisor only runs the executor, which can wait too;
    // it serves PGlite on the embedded defaults, where the web server's INSERTs go through it.
    // (The web server keeps the priority it was started with; a restarted worker inherits this.)
    if (children.worker?.priority && !started.database) setPriority(children.worker.priority);
    const code = await web.done;
    if (started.stopping) return;
    log.warn(`the web server exited with code ${code}: stopping`);
    await stopAll(started);
    process.exit(code === 0 ? 1 : code);
  } catch (error) {
    log.fatal({ err: error }, `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(started).catch(() => {});
    process.exit(1);
  }
}

/** The embedded database (served to both children) and the embedded executor (driving the worker). */
async function startShared(started: Started): Promise<void> {
  if (usesEmbeddedDatabase()) {
    started.database = await startPgliteServer(pgliteDir());
    setEnv({ SUTURE_PGLITE_SOCKET: started.database.path });
    log.info(`embedded database served to the web server and the worker on ${started.database.path}`);
  }
  const report = await startSuture();
  if (report.executor) started.executor = await startEmbeddedExecutor(report.executor);
}

async function stopAll(started: Started): Promise<void> {
  if (started.stopping) return;
  started.stopping = true;
  await Promise.all(started.children.map((child) => child.stop()));
  await started.executor?.stop();
  await closeDb();
  await started.database?.close();
}

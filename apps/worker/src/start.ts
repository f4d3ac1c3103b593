// `pnpm start`: Suture on one machine. The web server answers HTTP; the worker runs the Inngest
// functions; this supervisor owns what must be single — the embedded PGlite database (served to
// both over a Unix socket) and the embedded Inngest executor (which drives the worker) — restarts
// the worker if it dies, and stops everything when the web server stops or on SIGTERM/SIGINT.
// SUTURE_FUNCTIONS=web runs the web server alone, functions included (one process).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { env, setEnv } from "./env.ts";

const here = dirname(fileURLToPath(import.meta.url));
const webDir = join(here, "../../web");
const nextBin = createRequire(join(webDir, "package.json")).resolve("next/dist/bin/next");
const onTerminal = process.stderr.isTTY && env.NODE_ENV !== "production";
const singleProcess = env.SUTURE_FUNCTIONS === "web";

// Children write JSON to a pipe unless told: on a terminal they print readable lines.
setEnv({
  SUTURE_PROCESS: "supervisor",
  SUTURE_SUPERVISED: "1",
  SUTURE_LOG_FORMAT: env.SUTURE_LOG_FORMAT ?? (onTerminal ? "pretty" : "json"),
  SUTURE_FUNCTIONS: singleProcess ? "web" : "worker",
});

const { runSupervisor } = await import("./supervisor.ts");
await runSupervisor({
  web: {
    name: "web",
    command: process.execPath,
    args: [nextBin, "start"],
    cwd: webDir,
    restart: false,
    prefix: onTerminal,
  },
  worker: singleProcess
    ? null
    : {
        name: "worker",
        command: process.execPath,
        args: ["--import", "tsx", join(here, "main.ts")],
        cwd: join(here, ".."),
        restart: true,
        prefix: onTerminal,
        // Processing can wait a moment; an acknowledgement to Sentry cannot.
        priority: env.SUTURE_WORKER_NICE,
      },
});

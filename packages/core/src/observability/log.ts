import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "../env.ts";

/**
 * Suture's one logger. JSON lines in production (or whenever the output is not a terminal), so a
 * log pipeline can index them; readable lines on a terminal. Each line carries the process it
 * came from (`web`, `worker`, `supervisor`) and the ids it is about — `deliveryId`, `fixRunId`,
 * `requestId` — as fields, never inside the message.
 */
export const log: Logger = pino(
  {
    base: { process: env.SUTURE_PROCESS ?? "web" },
    level: env.LOG_LEVEL,
    // An error goes in as `err`; its message and stack, never the object's other fields (a
    // postgres.js error carries the query's parameters, which can hold a whole delivery).
    serializers: { err: (error: unknown) => errorFields(error) },
  },
  // On stderr, so a command's own output on stdout stays clean (`pnpm suture …` prints results there).
  readable()
    ? pretty({ colorize: true, sync: true, destination: 2, ignore: "pid,hostname", translateTime: "HH:MM:ss.l" })
    : pino.destination({ fd: 2, sync: true }),
);

function readable(): boolean {
  if (env.SUTURE_LOG_FORMAT) return env.SUTURE_LOG_FORMAT === "pretty";
  return env.NODE_ENV !== "production" && process.stderr.isTTY;
}

function errorFields(error: unknown): { type: string; message: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message.slice(0, 500),
    ...(typeof code === "string" ? { code } : {}),
    ...(error.stack ? { stack: error.stack.split("\n").slice(0, 8).join("\n") } : {}),
  };
}

import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** "1"/"true" or "0"/"false"; unset stays undefined so a default can depend on the mode. */
const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

export const env = createEnv({
  server: {
    DATABASE_URL: z.string().url().optional(),
    /** Comma-separated: every secret is tried, so a rotation needs no downtime. */
    SENTRY_CLIENT_SECRET: z.string().optional(),
    /** Route deliveries of unknown installations to the `default` workspace (default: on for PGlite, off on PostgreSQL). */
    SUTURE_AUTO_ROUTE: flag,
    SUTURE_DATA_DIR: z.string().min(1).optional(),
    /** A delivery still pending this long is re-announced by the sweeper. */
    SUTURE_SWEEP_AFTER_SECONDS: z.coerce.number().int().min(0).default(60),
    /** Port of the embedded Inngest executor (only used when no Inngest is configured). */
    SUTURE_EXECUTOR_PORT: z.coerce.number().int().min(0).max(65535).default(8288),
    /** Base URL the embedded executor calls back; default http://127.0.0.1:$PORT. */
    SUTURE_SERVE_ORIGIN: z.string().url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    INNGEST_DEV: z.string().optional(),
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

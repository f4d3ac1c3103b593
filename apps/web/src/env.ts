import { env as coreEnv } from "@suture/core/env";
import { env as dbEnv } from "@suture/db/env";
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * The web app's own settings, extending the server settings it runs on (the database's and the
 * domain's): next.config imports this file, so `next build` fails fast on a bad setting.
 */
export const env = createEnv({
  extends: [dbEnv, coreEnv],
  server: {
    NEXT_RUNTIME: z.enum(["nodejs", "edge"]).optional(),
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});

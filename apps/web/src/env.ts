import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/** The web app's own settings; domain settings are validated by @suture/core's env. */
export const env = createEnv({
  server: {
    NEXT_RUNTIME: z.enum(["nodejs", "edge"]).optional(),
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});

import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SUTURE_URL: z.string().url().optional(),
    SENTRY_CLIENT_SECRET: z.string().optional(),
    /** `suture deploy`: the server and the workspace's deploy token, as a CI step sets them. */
    SUTURE_DEPLOY_URL: z.string().url().optional(),
    SUTURE_DEPLOY_TOKEN: z.string().optional(),
    /** pnpm runs scripts from the package folder; paths the user typed are relative to this. */
    INIT_CWD: z.string().optional(),
    /** Who approves from the terminal, when --as is not given. */
    USER: z.string().optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

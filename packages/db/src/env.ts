import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    /** Unset = the embedded PGlite database under SUTURE_DATA_DIR. */
    DATABASE_URL: z.string().url().optional(),
    /** Where PGlite keeps its files; default `.data/pglite` at the repository root. */
    SUTURE_DATA_DIR: z.string().min(1).optional(),
    /** Where drizzle-kit's migrations live; default `drizzle/` at the repository root. */
    SUTURE_MIGRATIONS_DIR: z.string().min(1).optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

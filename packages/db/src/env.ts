import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    /** Unset = the embedded PGlite database under SUTURE_DATA_DIR. */
    DATABASE_URL: z.string().url().optional(),
    /** Suture's data folder (PGlite lives in its `pglite/`); default `.data` at the repository root. `memory://` keeps PGlite in memory (tests). */
    SUTURE_DATA_DIR: z.string().min(1).optional(),
    /**
     * Set by `pnpm start`'s supervisor for its children: the Unix socket where it serves the
     * embedded PGlite database (see pglite-server.ts). Not for operators to set.
     */
    SUTURE_PGLITE_SOCKET: z.string().min(1).optional(),
    /** Where drizzle-kit's migrations live; default `drizzle/` at the repository root. */
    SUTURE_MIGRATIONS_DIR: z.string().min(1).optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

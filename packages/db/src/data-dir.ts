import { join } from "node:path";
import { env } from "./env.ts";
import { repoRoot } from "./repo-root.ts";

/**
 * Suture's data folder: the embedded database, and the secrets and keys the embedded defaults
 * generate. `SUTURE_DATA_DIR`, else `.data` at the repository root; `memory://` keeps nothing on disk.
 */
export function dataDir(): string {
  return env.SUTURE_DATA_DIR ?? join(repoRoot(), ".data");
}

/** True without DATABASE_URL: Suture then runs on PGlite in the data folder. */
export function usesEmbeddedDatabase(): boolean {
  return !env.DATABASE_URL;
}

import { join } from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { DbHandle } from "./client.ts";
import { env } from "./env.ts";
import { repoRoot } from "./repo-root.ts";

export function migrationsFolder(): string {
  return env.SUTURE_MIGRATIONS_DIR ?? join(repoRoot(), "drizzle");
}

/** Applies drizzle-kit's generated migrations; safe to run on every start. */
export async function migrate(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, config);
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, config);
  }
}

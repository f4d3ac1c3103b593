// `pnpm db:migrate` — applies the migrations in drizzle/ to DATABASE_URL (or the embedded PGlite).
import { createDb } from "./client.ts";
import { migrate, migrationsFolder } from "./migrate.ts";

const handle = createDb();
const started = performance.now();
try {
  await migrate(handle);
  console.log(`migrated ${handle.kind} from ${migrationsFolder()} in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}

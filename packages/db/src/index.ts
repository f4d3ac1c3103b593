export { createDb, type Db, type DbHandle, type DbOptions, type Schema } from "./client.ts";
export { migrate, migrationsFolder } from "./migrate.ts";
export { isDatabaseUnavailable } from "./errors.ts";
export { repoRoot } from "./repo-root.ts";
export * from "./queries/index.ts";

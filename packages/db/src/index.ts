export { createDb, openPglite, pgliteDir, type Db, type DbHandle, type DbOptions, type Schema } from "./client.ts";
export { migrate, migrationsFolder } from "./migrate.ts";
export { servePglite, startPgliteServer, type PgliteServer } from "./pglite-server.ts";
export { isDatabaseUnavailable } from "./errors.ts";
export { describeError, MAX_ERROR_LENGTH, storableError, storableJson, storableText } from "./storable.ts";
export { repoRoot } from "./repo-root.ts";
export { dataDir, usesEmbeddedDatabase } from "./data-dir.ts";
export * from "./queries/index.ts";
export * from "./fix-run-events.ts";

// Plain JS: vitest loads other packages' config helpers without transpiling them.
import { fileURLToPath } from "node:url";

const setup = fileURLToPath(new URL("./test/setup-db.ts", import.meta.url));

/**
 * Every database test runs twice: on the embedded PGlite and on a real PostgreSQL server
 * (TEST_DATABASE_URL, which `pnpm test` starts). Each test file gets a database of its own.
 * @type {import("vitest/config").TestProjectInlineConfiguration[]}
 */
export const databaseProjects = [
  { extends: true, test: { name: "pglite", env: { SUTURE_TEST_DB: "pglite" }, setupFiles: [setup] } },
  { extends: true, test: { name: "postgres", env: { SUTURE_TEST_DB: "postgres" }, setupFiles: [setup] } },
];

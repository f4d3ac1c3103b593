import { defineConfig } from "vitest/config";

// Every integration test runs twice: on the embedded PGlite and on a real PostgreSQL server
// (TEST_DATABASE_URL, which `pnpm test` starts). Each test file gets a database of its own.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "pglite", env: { SUTURE_TEST_DB: "pglite" }, setupFiles: ["./test/setup-db.ts"] } },
      { extends: true, test: { name: "postgres", env: { SUTURE_TEST_DB: "postgres" }, setupFiles: ["./test/setup-db.ts"] } },
    ],
  },
});

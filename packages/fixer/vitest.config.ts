import { defineConfig } from "vitest/config";

// The sample app's own node:test files live under test-support; they are run by `node --test`.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 30_000 } });

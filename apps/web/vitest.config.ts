import { defineConfig } from "vitest/config";

// Unit tests only; the server and browser specs in e2e/ run under Playwright after the build.
export default defineConfig({ test: { include: ["src/**/*.test.ts"] } });

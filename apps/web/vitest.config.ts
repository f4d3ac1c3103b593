import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests only; the server and browser specs in e2e/ run under Playwright after the build.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: { include: ["src/**/*.test.ts"] },
});

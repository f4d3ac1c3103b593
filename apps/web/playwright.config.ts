import { defineConfig } from "@playwright/test";
import { scriptedAgents } from "@suture/fixer/test-support";
import { GITHUB_WEBHOOK_SECRET } from "./e2e/github";
import { flowDataDir, flowPorts, GITHUB_TOKEN } from "./e2e/sample-shop";

const port = Number(process.env.E2E_PORT ?? 3210);
const secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
// Workers load this file too: the runner's folder is handed to them through the environment.
const dataDir = (process.env.E2E_DATA_DIR ??= `/tmp/suture-e2e-${process.pid}`);
const flow = flowPorts(port);
const flowDir = flowDataDir(dataDir);

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "on-first-retry",
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is not reachable here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  // First the setup link makes the first admin, who adds the other users (sessions saved for the
  // specs); the empty-state spec needs a server that has received nothing, so it runs next.
  projects: [
    { name: "setup", testMatch: "auth.setup.ts" },
    {
      name: "empty",
      testMatch: "empty.spec.ts",
      dependencies: ["setup"],
      use: { storageState: "test-results/.auth/admin.json" },
    },
    {
      name: "server",
      testIgnore: ["empty.spec.ts", "auth.setup.ts", "flow.spec.ts"],
      dependencies: ["empty"],
      use: { storageState: "test-results/.auth/admin.json" },
    },
    // The flow server (e2e/sample-shop.ts): its spec makes its own users.
    { name: "flow", testMatch: "flow.spec.ts", use: { baseURL: `http://127.0.0.1:${flow.server}` } },
  ],
  webServer: [
    // GitHub's REST API (its double) on a fixed port, up before the flow server and for all of the run.
    {
      command: "node --import tsx e2e/doubles.ts",
      // The double answers 401 to a request without a token: it is listening.
      url: `http://127.0.0.1:${flow.githubDouble}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      env: { E2E_PORT: String(port), E2E_DATA_DIR: dataDir },
    },
    // The production server on its embedded defaults, in a data folder of its own.
    {
      command: `rm -rf ${dataDir} && node --import tsx e2e/prepare.ts && pnpm exec next start -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        SUTURE_DATA_DIR: dataDir,
        SENTRY_CLIENT_SECRET: secret,
        GITHUB_WEBHOOK_SECRET,
        PORT: String(port),
        SUTURE_EXECUTOR_PORT: String(port + 1),
        DATABASE_URL: "",
        SUTURE_AUTO_ROUTE: "",
      },
    },
    // The flow server: the same build run as `pnpm start` runs it (supervisor, web server, worker),
    // whose fix runs use the GitHub double and a scripted agent that fixes the sample app, saying
    // what it does a line every half second.
    {
      command: `rm -rf ${flowDir} && node --import tsx e2e/prepare-flow.ts && node --import tsx ../worker/src/start.ts`,
      url: `http://127.0.0.1:${flow.server}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        SUTURE_DATA_DIR: flowDir,
        SENTRY_CLIENT_SECRET: secret,
        GITHUB_WEBHOOK_SECRET,
        PORT: String(flow.server),
        SUTURE_EXECUTOR_PORT: String(flow.executor),
        SUTURE_WORKER_PORT: String(flow.worker),
        DATABASE_URL: "",
        SUTURE_AUTO_ROUTE: "",
        GITHUB_API_URL: `http://127.0.0.1:${flow.githubDouble}`,
        GITHUB_TOKEN,
        SUTURE_AGENT: "command",
        SUTURE_AGENT_COMMAND: scriptedAgents.slowFix,
      },
    },
  ],
});

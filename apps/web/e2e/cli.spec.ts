import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { fixtures, SECRET } from "./sentry";

const run = promisify(execFile);

test("`pnpm suture send --all` signs and posts every fixture, each answered 2xx", async ({ baseURL }) => {
  const { stdout } = await run(
    "pnpm",
    ["--silent", "suture", "send", "--all", "--url", `${baseURL}/api/sentry/webhooks`, "--secret", SECRET],
    {
      cwd: new URL("../../..", import.meta.url).pathname,
    },
  );
  const lines = stdout.trim().split("\n");
  expect(lines.filter((l) => l.startsWith("✓"))).toHaveLength(fixtures().length);
  expect(lines.at(-1)).toBe(`${fixtures().length} of ${fixtures().length} accepted by ${baseURL}/api/sentry/webhooks`);
});

test("`pnpm suture send` with the wrong secret fails loudly with the server's reason", async ({ baseURL }) => {
  const failure = await run(
    "pnpm",
    ["--silent", "suture", "send", "issue.created", "--url", `${baseURL}/api/sentry/webhooks`, "--secret", "wrong"],
    {
      cwd: new URL("../../..", import.meta.url).pathname,
    },
  ).then(
    () => null,
    (error: { code: number; stdout: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stdout).toMatch(/✗ 401 issue\.created\.json .*does not match/);
});

import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createDb } from "@suture/db";
import { sql } from "drizzle-orm";
import { fixtureBody, SECRET, signedHeaders } from "./sentry";
import { startServer, stopServer } from "./server";
import { PASSWORD, setupToken } from "./users";

const PORT = 3230;
const dataDir = `/tmp/suture-restart-${process.pid}`;
const env = { SUTURE_DATA_DIR: dataDir, SENTRY_CLIENT_SECRET: SECRET, SUTURE_EXECUTOR_PORT: String(PORT + 1) };
const COUNT = 25;

async function counts() {
  const handle = createDb({ dataDir: `${dataDir}/pglite` });
  try {
    const rows = await handle.db.execute(sql`
      select
        (select count(*) from webhook_deliveries where status = 'pending')::int as pending,
        (select count(*) from webhook_deliveries where status = 'processed')::int as processed,
        (select count(*) from observations)::int as observations,
        (select count(distinct delivery_id) from observations)::int as delivered`);
    return onlyRow(rows);
  } finally {
    await handle.close();
  }
}

/** The one row of a single-row select: PGlite answers `{ rows }`, postgres.js the array itself. */
function onlyRow(result: unknown): unknown {
  const rows =
    typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows)
      ? result.rows
      : result;
  return Array.isArray(rows) ? rows[0] : undefined;
}

test("deliveries stored before a SIGKILL are processed exactly once after the restart", async ({ browser }) => {
  rmSync(dataDir, { recursive: true, force: true });
  // First life: Inngest points at nothing, so every delivery is stored but never processed.
  const first = await startServer(PORT, { ...env, INNGEST_DEV: "http://127.0.0.1:9" });
  const base = fixtureBody("error.created.json").toString();
  for (let i = 0; i < COUNT; i++) {
    const body = base.replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", `restart${String(i).padStart(25, "0")}`);
    const response = await fetch(`${first.url}/api/sentry/webhooks`, {
      method: "POST",
      body,
      headers: signedHeaders("error", body),
    });
    expect(response.status).toBe(202);
  }
  await stopServer(first, "SIGKILL");
  expect(await counts()).toMatchObject({ pending: COUNT, observations: 0 });

  // Second life: the embedded executor starts, the boot sweep re-announces what was pending.
  const second = await startServer(PORT, env);
  // The dashboard needs a session: this fresh database's first admin, through its setup link.
  const page = await (await browser.newContext({ storageState: undefined })).newPage();
  await page.goto(`${second.url}/setup?token=${setupToken(dataDir)}`);
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await page.waitForURL((url) => /^\/default(\/issues)?$/.test(url.pathname));
  await expect
    .poll(
      async () =>
        (await page.request.get(`${second.url}/default`).then((r) => r.text())).match(
          /Observations<\/dt><dd[^>]*>(\d+)/,
        )?.[1],
      {
        timeout: 30_000,
      },
    )
    .toBe(String(COUNT));
  await page.context().close();
  await stopServer(second, "SIGTERM");
  expect(await counts()).toEqual({ pending: 0, processed: COUNT, observations: COUNT, delivered: COUNT });
  rmSync(dataDir, { recursive: true, force: true });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, migrate } from "../src/index.ts";
import { ensureWorkspace, insertDelivery, upsertSentryIssue } from "../src/queries/index.ts";

const handle = createDb();
afterAll(() => handle.close());

describe(`the ${process.env.SUTURE_TEST_DB} client`, () => {
  it("opens the engine the environment asks for and applies migrations twice safely", async () => {
    expect(handle.kind).toBe(process.env.SUTURE_TEST_DB);
    await migrate(handle);
    await migrate(handle);
    const tables = await handle.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const names = ((tables as { rows?: { table_name: string }[] }).rows ?? (tables as { table_name: string }[])).map(
      (r) => r.table_name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        "workspaces",
        "sentry_installations",
        "sentry_projects",
        "webhook_deliveries",
        "sentry_issues",
        "observations",
        "deployments",
        "release_links",
      ]),
    );
  });

  it("inserts a delivery once per dedup key", async () => {
    const values = { resource: "issue", action: "created", dedupKey: "k-1", headers: {}, rawBody: "{}" };
    const first = await insertDelivery(handle.db, values);
    const second = await insertDelivery(handle.db, { ...values, requestId: "other" });
    expect(first.status).toBe("inserted");
    expect(second).toEqual({ status: "duplicate", id: first.id, deliveryStatus: "pending" });
  });

  it("keeps known issue fields when a later payload lacks them", async () => {
    const workspace = await ensureWorkspace(handle.db, { slug: "w" });
    const base = { workspaceId: workspace.id, sentryIssueId: "9" };
    await upsertSentryIssue(handle.db, { ...base, shortId: "APP-9", title: "Boom", lastSeen: new Date("2025-01-02") });
    await upsertSentryIssue(handle.db, { ...base, shortId: null, title: null, lastSeen: new Date("2025-01-01") });
    const row = await handle.db.query.sentryIssues.findFirst();
    expect(row).toMatchObject({ shortId: "APP-9", title: "Boom", lastSeen: new Date("2025-01-02") });
  });
});

describe.runIf(process.env.SUTURE_TEST_DB === "pglite")("the PGlite lock", () => {
  it("refuses a second open of the same data folder while the first is alive", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "suture-lock-")), "pglite");
    const first = createDb({ dataDir: dir });
    await migrate(first);
    // Simulate another live process holding the lock.
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => createDb({ dataDir: dir })).toThrow(/in use by process/);
    await first.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps its data folder readable by its owner only, even one made earlier", async () => {
    const { chmodSync, mkdirSync, statSync } = await import("node:fs");
    const dir = join(mkdtempSync(join(tmpdir(), "suture-mode-")), "pglite");
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const handle = createDb({ dataDir: dir });
    await migrate(handle);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

// A real PostgreSQL server of this file's own, stopped for a few seconds while deliveries keep
// coming: every one must be answered at once (503 while the server is down), and the outage must
// end by itself when the server is back. Runs in the postgres project, whose machines have the
// server binaries (scripts/pg.sh finds them).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Core from "@suture/core";
import type * as Database from "@suture/core/database";
import type * as Observability from "@suture/core/observability";
import { delivery } from "./fixtures.ts";

const run = promisify(execFile);
const pgScript = fileURLToPath(new URL("../../../scripts/pg.sh", import.meta.url));
const RATE_PER_SECOND = 50;
const MAX_ANSWER_MS = 500;

describe.runIf(process.env.SUTURE_TEST_DB === "postgres")("a PostgreSQL outage under load", () => {
  let core: typeof Core;
  let database: typeof Database;
  let log: typeof Observability.log;
  let port: string;
  let dir: string;
  const pg = (command: "start" | "stop") => run("bash", [pgScript, command, port, dir], { timeout: 60_000 });

  beforeAll(async () => {
    port = String(await freePort());
    dir = mkdtempSync(join(tmpdir(), "suture-outage-pg-"));
    process.env.DATABASE_URL = (await pg("start")).stdout.trim();
    core = await import("@suture/core");
    database = await import("@suture/core/database");
    ({ log } = await import("@suture/core/observability"));
    await database.getDb(); // migrated before the clock starts, as at boot
  });

  afterAll(async () => {
    await database?.closeDb().catch(() => {});
    await pg("stop").catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers every delivery within 500 ms — 503 while the server is down — and recovers by itself", async () => {
    const logged: { at: number; line: string }[] = [];
    const original = console.warn.bind(console);
    const warn = vi.spyOn(log, "warn").mockImplementation((line: unknown) => {
      logged.push({ at: performance.now(), line: String(line) });
      original(line);
    });
    const answers: Promise<{ started: number; ended: number; status: string; deliveryId?: string }>[] = [];
    let sending = true;
    const load = (async () => {
      for (let i = 0; sending; i++) {
        const d = delivery("issue.created.json", `{"action":"created","data":{"issue":{"id":"outage-${i}"}}}`);
        const started = performance.now();
        answers.push(
          core.receiveSentryWebhook(d.body, d.headers).then((result) => ({
            started,
            ended: performance.now(),
            status: result.status,
            deliveryId: "deliveryId" in result ? result.deliveryId : undefined,
          })),
        );
        await sleep(1000 / RATE_PER_SECOND);
      }
    })();

    await sleep(1000);
    const stopping = performance.now();
    await pg("stop");
    const stopped = performance.now();
    await sleep(3000);
    const starting = performance.now();
    await pg("start");
    const started = performance.now();
    await sleep(2500);
    sending = false;
    await load;
    const all = await Promise.all(answers);
    warn.mockRestore();

    const ms = (a: { started: number; ended: number }) => a.ended - a.started;
    const down = all.filter((a) => a.started >= stopped && a.ended <= starting);
    const before = all.filter((a) => a.ended <= stopping);
    const after = all.filter((a) => a.started >= started + 1000);
    const sorted = down.map(ms).sort((a, b) => a - b);
    console.info(
      `outage: ${all.length} deliveries; ${down.length} while down: p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, ` +
        `max ${sorted.at(-1)?.toFixed(1)} ms; slowest overall ${Math.max(...all.map(ms)).toFixed(1)} ms; ` +
        `stop took ${(stopped - stopping).toFixed(0)} ms, start ${(started - starting).toFixed(0)} ms; ` +
        `first stored after start: ${(Math.min(...all.filter((a) => a.started >= starting && a.status === "stored").map((a) => a.ended)) - started).toFixed(0)} ms`,
    );

    expect(all.filter((a) => a.status !== "stored" && a.status !== "unavailable")).toEqual([]);
    expect(all.filter((a) => ms(a) >= MAX_ANSWER_MS)).toEqual([]);
    expect(before.length).toBeGreaterThan(20);
    expect(new Set(before.map((a) => a.status))).toEqual(new Set(["stored"]));
    expect(down.length).toBeGreaterThan(100);
    expect(new Set(down.map((a) => a.status))).toEqual(new Set(["unavailable"]));
    expect(after.length).toBeGreaterThan(40);
    expect(new Set(after.map((a) => a.status))).toEqual(new Set(["stored"]));

    const lines = logged.map((l) => l.line);
    console.info(logged.map((l) => `${(l.at - stopping).toFixed(0)} ms after the stop: ${l.line}`).join("\n"));
    expect(lines.filter((l) => l.includes("database unreachable"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("database reachable again"))).toHaveLength(1);

    // What was answered stored is in the database.
    const db = await database.getDb();
    const ids = all.flatMap((a) => (a.status === "stored" && a.deliveryId ? [a.deliveryId] : []));
    const rows = await db.query.webhookDeliveries.findMany({
      columns: { id: true },
      where: (d, { inArray }) => inArray(d.id, ids),
    });
    expect(rows).toHaveLength(ids.length);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

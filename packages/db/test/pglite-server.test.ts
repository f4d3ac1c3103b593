import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle, startPgliteServer, type PgliteServer } from "../src/index.ts";
import { servedPgliteSocket } from "../src/pglite-lock.ts";
import { ensureWorkspace } from "../src/queries/index.ts";

// The supervisor's PGlite served to two processes: here, two postgres.js pools in one test.
describe.runIf(process.env.SUTURE_TEST_DB === "pglite")("PGlite served on a Unix socket", () => {
  const folder = mkdtempSync(join(tmpdir(), "suture-served-"));
  let server: PgliteServer;
  let web: DbHandle;
  let worker: DbHandle;
  const rowsOf = (result: unknown) => result as { who: string; n: number }[];

  beforeAll(async () => {
    server = await startPgliteServer(join(folder, "pglite"));
    web = createDb({ socket: server.path, max: 4 });
    worker = createDb({ socket: server.path, max: 4 });
    await web.db.execute(sql`create table served (id serial primary key, who text not null, n int not null)`);
  });
  afterAll(async () => {
    await Promise.all([web.close(), worker.close()]);
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("is migrated and owner-only", async () => {
    expect(server.path).toBe(join(folder, "pglite.sock"));
    expect(statSync(server.path).mode & 0o777).toBe(0o600);
    expect(web.kind).toBe("pglite");
    expect((await ensureWorkspace(worker.db, { slug: "served", name: "Served" })).slug).toBe("served");
  });

  it("keeps each connection's transactions whole while others query between them", async () => {
    const transactions = (handle: DbHandle, who: string) =>
      Array.from({ length: 30 }, (_, i) =>
        handle.db.transaction(async (tx) => {
          await tx.execute(sql`insert into served (who, n) values (${who}, ${i})`);
          await tx.execute(sql`insert into served (who, n) values (${who}, ${-i - 1})`);
          const mine = rowsOf(
            await tx.execute(sql`select who, n from served where who = ${who} and n in (${i}, ${-i - 1})`),
          );
          if (mine.length !== 2) throw new Error(`saw ${mine.length} of its own rows`);
        }),
      );
    const reads = Array.from({ length: 60 }, () => web.db.execute(sql`select count(*)::int as n from served`));
    await Promise.all([...transactions(web, "web"), ...transactions(worker, "worker"), ...reads]);
    const counts = rowsOf(
      await web.db.execute(sql`select who, count(*)::int as n from served group by who order by who`),
    );
    expect(counts).toEqual([
      { who: "web", n: 60 },
      { who: "worker", n: 60 },
    ]);
  });

  it("rolls back a failed transaction and the transaction of a client that went away, and serves the others", async () => {
    await expect(
      worker.db.transaction(async (tx) => {
        await tx.execute(sql`insert into served (who, n) values ('failed', 1)`);
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toMatchObject({ cause: { message: "division by zero" } });

    const leaving = postgres({ path: server.path, prepare: false, fetch_types: false, max: 1 });
    let inside: () => void = () => {};
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const abandoned = leaving
      .begin(async (tx) => {
        await tx`insert into served (who, n) values ('gone', 1)`;
        inside();
        await new Promise(() => {}); // never commits: the client closes under it
      })
      .catch((error: unknown) => error);
    await entered;
    const waiting = web.db.execute(sql`select count(*)::int as n from served where who = 'gone'`); // queued behind it
    await leaving.end({ timeout: 0 });
    expect(await abandoned).toBeInstanceOf(Error);
    expect(rowsOf(await waiting)).toEqual([{ n: 0 }]);
    expect(rowsOf(await web.db.execute(sql`select who, n from served where who in ('failed', 'gone')`))).toEqual([]);
  });

  it("is found by another process while its supervisor lives, and not once it is gone", async () => {
    const dataDir = join(folder, "other", "pglite");
    mkdirSync(dirname(dataDir), { recursive: true });
    writeFileSync(join(folder, "other", "pglite.sock"), "");
    const owner = spawn("sleep", ["30"]);
    writeFileSync(`${dataDir}.lock`, String(owner.pid));
    expect(servedPgliteSocket(dataDir)).toBe(join(folder, "other", "pglite.sock"));
    const exited = new Promise((resolve) => owner.once("exit", resolve));
    owner.kill("SIGKILL");
    await exited;
    expect(servedPgliteSocket(dataDir)).toBeNull();
    writeFileSync(`${dataDir}.lock`, String(process.pid)); // its own lock: it opens the files itself
    expect(servedPgliteSocket(dataDir)).toBeNull();
  });
});

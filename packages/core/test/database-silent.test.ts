// A database that stops answering without closing anything (a network partition, a stalled
// server): this file's connections go through a TCP relay that can be frozen. Every delivery
// must still be answered within 500 ms, the outage must start once the silence lasts, and end
// when the database answers again. PostgreSQL only: PGlite runs in the process.
import { createServer, type Server, type Socket, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Core from "@suture/core";
import type * as Database from "@suture/core/database";
import type * as Observability from "@suture/core/observability";
import { delivery } from "./fixtures.ts";

const RATE_PER_SECOND = 50;
const MAX_ANSWER_MS = 500;

describe.runIf(process.env.SUTURE_TEST_DB === "postgres")("a database that stops answering", () => {
  let core: typeof Core;
  let database: typeof Database;
  let log: typeof Observability.log;
  let relay: Relay;

  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL!);
    relay = await startRelay(target.hostname, Number(target.port));
    target.port = String(relay.port);
    process.env.DATABASE_URL = target.toString();
    core = await import("@suture/core");
    database = await import("@suture/core/database");
    ({ log } = await import("@suture/core/observability"));
    await database.getDb(); // migrated before the clock starts, as at boot
  });

  afterAll(async () => {
    relay?.thaw();
    await database?.closeDb().catch(() => {});
    relay?.close();
  });

  it("is answered 503 within 500 ms while silent, counts as down once the silence lasts, and recovers", async () => {
    const logged: string[] = [];
    const warn = vi.spyOn(log, "warn").mockImplementation((line: unknown) => void logged.push(String(line)));
    const answers: Promise<{ started: number; ended: number; status: string }>[] = [];
    let sending = true;
    const load = (async () => {
      for (let i = 0; sending; i++) {
        const d = delivery("issue.created.json", `{"action":"created","data":{"issue":{"id":"silent-${i}"}}}`);
        const started = performance.now();
        answers.push(
          core
            .receiveSentryWebhook(d.body, d.headers)
            .then((r) => ({ started, ended: performance.now(), status: r.status })),
        );
        await sleep(1000 / RATE_PER_SECOND);
      }
    })();

    await sleep(700);
    const frozen = performance.now();
    relay.freeze();
    await sleep(3000);
    const thawed = performance.now();
    relay.thaw();
    await sleep(2000);
    sending = false;
    await load;
    const all = await Promise.all(answers);
    warn.mockRestore();

    const ms = (a: { started: number; ended: number }) => a.ended - a.started;
    const silent = all.filter((a) => a.started >= frozen && a.ended <= thawed);
    console.info(
      `silent database: ${all.length} deliveries, ${silent.length} while silent: max ${Math.max(...silent.map(ms)).toFixed(1)} ms, ` +
        `${silent.filter((a) => ms(a) < 50).length} answered under 50 ms; slowest overall ${Math.max(...all.map(ms)).toFixed(1)} ms\n${logged.join("\n")}`,
    );

    expect(all.filter((a) => ms(a) >= MAX_ANSWER_MS)).toEqual([]);
    expect(new Set(all.filter((a) => a.ended <= frozen).map((a) => a.status))).toEqual(new Set(["stored"]));
    expect(silent.length).toBeGreaterThan(100);
    expect(new Set(silent.map((a) => a.status))).toEqual(new Set(["unavailable"]));
    // Once the outage has begun, the pool is left alone: answers are immediate.
    expect(silent.filter((a) => a.started >= frozen + 1500 && ms(a) >= 50).length).toBeLessThanOrEqual(4);
    const after = all.filter((a) => a.started >= thawed + 1000);
    expect(after.length).toBeGreaterThan(30);
    expect(new Set(after.map((a) => a.status))).toEqual(new Set(["stored"]));
    expect(logged.filter((l) => l.includes("database unreachable"))).toHaveLength(1);
    expect(logged.filter((l) => l.includes("database reachable again"))).toHaveLength(1);
  });
});

interface Relay {
  port: number;
  freeze: () => void;
  thaw: () => void;
  close: () => void;
}

/** A TCP relay to host:port; frozen, it accepts and holds every byte without passing any on. */
async function startRelay(host: string, port: number): Promise<Relay> {
  const sockets = new Set<Socket>();
  const held: [Socket, Buffer][] = [];
  let frozen = false;
  const forward = (from: Socket, to: Socket) => {
    sockets.add(from);
    from.on("data", (chunk: Buffer) => (frozen ? held.push([to, chunk]) : to.write(chunk)));
    from.on("error", () => from.destroy());
    from.on("close", () => {
      sockets.delete(from);
      to.destroy();
    });
  };
  const server: Server = createServer((client) => {
    const upstream = connect(port, host);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
      for (const [to, chunk] of held.splice(0)) if (!to.destroyed) to.write(chunk);
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

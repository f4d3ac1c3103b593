import { createDb, type Db, type DbHandle, isDatabaseUnavailable, migrate } from "@suture/db";
import { log } from "./observability/log.ts";

/** The door's state of the database: answered, or unreachable since some time. */
interface Gate {
  down: { since: number; reason: string; refused: number } | null;
  /** A request is trying the database while it is down (at most one at a time). */
  probing: boolean;
  lastTry: number;
  /** When the database last answered: a failure of work sent before then does not start an outage. */
  lastAnswer: number;
}

// One handle per process, kept on globalThis so Next's dev reloads don't open PGlite twice.
const store = globalThis as unknown as { __sutureDb?: Promise<DbHandle>; __sutureDbGate?: Gate };

/** The process's database, migrated on first use. */
export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export function getDbHandle(): Promise<DbHandle> {
  store.__sutureDb ??= (async () => {
    const handle = createDb();
    try {
      await migrate(handle);
    } catch (error) {
      store.__sutureDb = undefined;
      // Not awaited: ending a pool whose connection attempts hang would hold the caller's answer.
      void handle.close().catch(() => {});
      throw error;
    }
    return handle;
  })();
  return store.__sutureDb;
}

export async function closeDb(): Promise<void> {
  const pending = store.__sutureDb;
  store.__sutureDb = undefined;
  store.__sutureDbGate = undefined;
  if (pending) await (await pending).close();
}

/**
 * How long a webhook waits for its statement on PostgreSQL (pool wait included) before it is
 * answered 503. An insert takes a few milliseconds; Sentry gives up after one second.
 */
export const DATABASE_DEADLINE_MS = 300;
/** A statement unanswered this long means the database is down (a slow one is not). */
export const DATABASE_SILENCE_MS = 1000;
/** While the database is down, one request per this interval tries it; the others get 503 at once. */
export const DATABASE_RETRY_MS = 250;

export type Guarded<T> = { status: "answered"; value: T } | { status: "unavailable" };
const UNAVAILABLE: Guarded<never> = { status: "unavailable" };

/**
 * Runs a webhook's database work so that an unreachable database is answered fast: `unavailable`
 * (the caller answers 503) when the database cannot be reached, or — on PostgreSQL — does not
 * answer within {@link DATABASE_DEADLINE_MS}. A connection error, or a statement still silent
 * after {@link DATABASE_SILENCE_MS}, starts an outage: requests get `unavailable` without
 * touching the pool (which would queue them behind connection attempts) while one request per
 * {@link DATABASE_RETRY_MS} tries it. The first success — that request's, or a late answer to one
 * that timed out — ends the outage. Start and end are logged once each. Other errors are thrown. `work` may run twice (see below), so it
 * must be idempotent — an INSERT … ON CONFLICT DO NOTHING, a read.
 *
 * Work cut off by the deadline is not cancelled: an insert that completes later is stored, and
 * processed through the sweeper, although its request was answered 503.
 */
export async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<Guarded<T>> {
  const gate = (store.__sutureDbGate ??= { down: null, probing: false, lastTry: 0, lastAnswer: 0 });
  const probe = gate.down !== null;
  if (gate.down) {
    if (gate.probing || performance.now() - gate.lastTry < DATABASE_RETRY_MS) {
      gate.down.refused++;
      return UNAVAILABLE;
    }
    gate.probing = true;
  }
  const sent = (gate.lastTry = performance.now());
  try {
    const handle = await getDbHandle();
    // Tried twice on a connection error: a pooled connection that died with the previous server
    // (postgres.js may even report its old 57P01 on the first query after reconnecting) fails
    // the first try although the database is back. The door's work is idempotent.
    const running = work(handle.db).catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
      return work(handle.db);
    });
    const outcome =
      handle.kind === "postgres"
        ? await deadline(running, DATABASE_DEADLINE_MS)
        : { settled: true as const, value: await running };
    if (!outcome.settled) {
      // Slow is not down: the outage starts only if the statement is still unanswered after
      // DATABASE_SILENCE_MS (or fails to connect). A late success ends an outage.
      let answered = false;
      running.then(
        () => {
          answered = true;
          markUp(gate);
        },
        (error: unknown) => {
          answered = true;
          if (isDatabaseUnavailable(error)) markDown(gate, sent, reasonOf(error));
        },
      );
      setTimeout(
        () => answered || markDown(gate, sent, `no answer within ${DATABASE_SILENCE_MS} ms`),
        DATABASE_SILENCE_MS - DATABASE_DEADLINE_MS,
      ).unref();
      return UNAVAILABLE;
    }
    markUp(gate);
    return { status: "answered", value: outcome.value };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    markDown(gate, sent, reasonOf(error));
    return UNAVAILABLE;
  } finally {
    if (probe) gate.probing = false;
    gate.lastTry = performance.now();
  }
}

async function deadline<T>(work: Promise<T>, ms: number): Promise<{ settled: true; value: T } | { settled: false }> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<{ settled: false }>((resolve) => {
    // Timers run before I/O in an event-loop turn: after a stall (GC, CPU) an answer that already
    // arrived is read first, so the stall is not mistaken for the database's silence.
    timer = setTimeout(() => setImmediate(() => resolve({ settled: false })), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ settled: true as const, value })), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts an outage, unless one is on or the database answered something sent after `sent`. */
function markDown(gate: Gate, sent: number, reason: string): void {
  if (gate.down || gate.lastAnswer > sent) return;
  gate.down = { since: performance.now(), reason, refused: 0 };
  log.warn(`database unreachable (${reason}); webhooks are answered 503 until it is back`);
}

function markUp(gate: Gate): void {
  gate.lastAnswer = performance.now();
  if (!gate.down) return;
  const { since, refused } = gate.down;
  gate.down = null;
  const seconds = ((performance.now() - since) / 1000).toFixed(1);
  log.warn(
    `database reachable again after ${seconds} s; ${refused} webhook requests were answered 503 without trying it`,
  );
}

/** The error code (ECONNREFUSED, 57P01, …) or the first words of the message: never query parameters. */
function reasonOf(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return "connection failed";
}

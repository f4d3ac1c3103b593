import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "./env.ts";
import { lockPgliteDir, servedPgliteSocket } from "./pglite-lock.ts";
import { dataDir } from "./data-dir.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** A database or a transaction: every query helper takes one as its first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Db;
  /** The engine: PGlite is one session, served in-process or by the supervisor. */
  kind: "postgres" | "pglite";
  /** How this process reaches it: postgres.js (PostgreSQL, or PGlite over its socket) or in-process. */
  driver: "postgres.js" | "pglite";
  close: () => Promise<void>;
}

export interface DbOptions {
  /** postgres:// URL; when absent, PGlite files in `dataDir` (or in memory with "memory://"). */
  url?: string;
  dataDir?: string;
  /** Pool size for postgres.js. */
  max?: number;
  /** The supervisor's PGlite socket (default SUTURE_PGLITE_SOCKET, unless `dataDir` is given). */
  socket?: string;
}

/** The one way to open Suture's database: PGlite when no URL is given, postgres.js otherwise. */
export function createDb(options: DbOptions = {}): DbHandle {
  const url = options.url ?? env.DATABASE_URL;
  if (url) return connect(postgres(url, postgresOptions(options.max ?? 10)), "postgres");
  const socket =
    options.socket ?? (options.dataDir ? undefined : (env.SUTURE_PGLITE_SOCKET ?? servedPgliteSocket(pgliteDir())));
  if (socket) {
    // The supervisor's PGlite: one session shared by turns, so no named prepared statements.
    const options_ = { ...postgresOptions(options.max ?? 10), prepare: false };
    return connect(postgres({ ...options_, path: socket, database: "postgres", username: "postgres" }), "pglite");
  }
  const { client, close } = openPglite(options.dataDir ?? pgliteDir());
  return { db: drizzlePglite(client, { schema, casing: "snake_case" }), kind: "pglite", driver: "pglite", close };
}

function postgresOptions(max: number): postgres.Options<Record<string, postgres.PostgresType>> {
  return {
    max,
    // A down database must turn into a fast 503, not a request hanging past Sentry's one-second
    // budget: a connection attempt gives up after a second (the webhook itself is answered
    // sooner, see withDatabase in core), and a connection that failed is tried again after at
    // most 250 ms instead of postgres.js's default backoff of up to 20 s, which would hold
    // queries long after the database is back.
    connect_timeout: 1,
    backoff: (retries: number) => Math.min(0.025 * 2 ** retries, 0.25),
    // No array-type lookup on each new connection: Drizzle parses array columns itself, and a
    // lookup cut off by a database going away rejects where nothing can catch it.
    fetch_types: false,
    onnotice: () => {},
  };
}

function connect(sql: postgres.Sql, kind: DbHandle["kind"]): DbHandle {
  return {
    db: drizzlePostgres(sql, { schema, casing: "snake_case" }),
    kind,
    driver: "postgres.js",
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * Opens the PGlite files in `dataDir` (or memory) for this process alone: the folder is locked,
 * and owner-only.
 */
export function openPglite(dataDir: string): { client: PGlite; close: () => Promise<void> } {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) {
    // Owner only: the files hold Sentry data and installation secrets, and a coding agent runs
    // on this machine as another user.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  }
  const unlock = inMemory ? () => {} : lockPgliteDir(dataDir);
  // pg_trgm: the issues search index (migration 0004); PostgreSQL ships it in its contrib modules.
  const client = new PGlite(dataDir, { extensions: { pg_trgm } });
  return {
    client,
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

/** Where the embedded database lives: `<SUTURE_DATA_DIR>/pglite`, or memory. */
export function pgliteDir(): string {
  const base = dataDir();
  return base === "memory://" ? base : join(base, "pglite");
}

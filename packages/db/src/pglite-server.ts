import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { openPglite } from "./client.ts";
import { pgliteSocketPath } from "./pglite-lock.ts";
import { migrate } from "./migrate.ts";
import * as schema from "./schema/index.ts";

/**
 * PGlite is one process's database. On the embedded defaults the web server and the worker are
 * two processes, so the supervisor owns PGlite and serves it over PostgreSQL's wire protocol on a
 * Unix socket in the data folder (the folder is the owner's only, and so is the socket): both
 * connect with postgres.js as to any PostgreSQL.
 *
 * PGlite has one session, so connections take turns: a connection's messages run up to its next
 * Sync or simple Query as one unit, under PGlite's exclusive lock, and while a unit leaves a
 * transaction open only that connection's units run until it ends (a connection that goes away
 * inside a transaction is rolled back). Clients must not use named prepared statements, which
 * would be shared by every connection (postgres.js: `prepare: false`).
 */
export interface PgliteServer {
  path: string;
  close: () => Promise<void>;
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
/** Messages after which the backend answers ReadyForQuery: the end of a unit. */
const UNIT_END = new Set(["S".charCodeAt(0), "Q".charCodeAt(0)]);
/** Flush: the backend answers what it has, and the client sends the rest (postgres.js describes first). */
const FLUSH = "H".charCodeAt(0);
const TERMINATE = "X".charCodeAt(0);
const ROLLBACK = simpleQuery("ROLLBACK");
const SYNC_ROLLBACK = Buffer.concat([Buffer.from([0x53, 0, 0, 0, 4]), ROLLBACK]);

interface Connection {
  id: number;
  socket: Socket;
  buffer: Buffer;
  started: boolean;
  units: { data: Buffer; flush: boolean }[];
  closed: boolean;
  /** Sent a Flush and no Sync yet: its extended query is half done, so no one else may run. */
  midQuery: boolean;
}

async function servePglite(client: PGlite, path: string): Promise<PgliteServer> {
  rmSync(path, { force: true }); // a socket left by a process that died
  const session = new SharedSession(client);
  const server: Server = createServer((socket) => session.accept(socket));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        session.closeAll();
        server.close(() => resolve());
      }),
  };
}

/** PGlite's one session, taken in turns by the connections. */
class SharedSession {
  private readonly connections: Connection[] = [];
  /** Holds an open transaction or a half-done extended query: only its units run. */
  private owner: Connection | null = null;
  private running = false;
  private nextId = 1;

  constructor(private readonly client: PGlite) {}

  accept(socket: Socket): void {
    const connection: Connection = {
      id: this.nextId++,
      socket,
      buffer: Buffer.alloc(0),
      started: false,
      units: [],
      closed: false,
      midQuery: false,
    };
    this.connections.push(connection);
    socket.on("data", (data) => this.receive(connection, data));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      connection.closed = true;
      connection.units.length = 0;
      this.connections.splice(this.connections.indexOf(connection), 1);
      if (this.owner === connection) this.kick(connection);
    });
  }

  closeAll(): void {
    for (const connection of this.connections) connection.socket.destroy();
  }

  /** Cuts what arrived into units (up to a Sync, a simple Query or a Flush) and runs them. */
  private receive(connection: Connection, data: Buffer): void {
    const buffer = connection.buffer.length === 0 ? data : Buffer.concat([connection.buffer, data]);
    let offset = 0;
    let unitStart = 0;
    while (buffer.length - offset >= (connection.started ? 5 : 8)) {
      if (!connection.started) {
        const length = buffer.readInt32BE(offset);
        if (buffer.length - offset < length) break;
        this.startup(connection, buffer.subarray(offset, offset + length));
        offset = unitStart = offset + length;
        continue;
      }
      const type = buffer[offset];
      const length = 1 + buffer.readInt32BE(offset + 1);
      if (buffer.length - offset < length) break;
      if (type === TERMINATE) {
        connection.socket.end();
        return;
      }
      offset += length;
      if (type !== undefined && (UNIT_END.has(type) || type === FLUSH)) {
        connection.units.push({ data: Buffer.from(buffer.subarray(unitStart, offset)), flush: type === FLUSH });
        unitStart = offset;
      }
    }
    connection.buffer = buffer.subarray(unitStart);
    this.kick(connection);
  }

  /** SSL is refused (the socket is local), a cancel request ignored, a startup passed to PGlite. */
  private startup(connection: Connection, message: Buffer): void {
    const code = message.readInt32BE(4);
    if (code === SSL_REQUEST) connection.socket.write("N");
    else if (code === CANCEL_REQUEST) connection.socket.end();
    else {
      connection.started = true;
      connection.units.push({ data: Buffer.from(message), flush: false });
    }
  }

  private kick(connection: Connection): void {
    this.drain().catch((error: unknown) => connection.socket.destroy(error as Error));
  }

  /** Runs queued units one at a time: the owner's only while there is one, else anyone's in turn. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.owner?.closed) await this.release(this.owner);
        const connection = this.owner ?? this.connections.find((c) => c.units.length > 0);
        const unit = connection?.units.shift();
        if (!connection || !unit) return;
        const reply = await this.client.runExclusive(() => this.client.execProtocolRaw(unit.data));
        if (!connection.closed && reply.length > 0) connection.socket.write(reply);
        connection.midQuery = unit.flush;
        this.owner = connection.midQuery || this.client.isInTransaction() ? connection : null;
      }
    } finally {
      this.running = false;
    }
  }

  /** Ends what a connection that went away left open: its half-done query, its transaction. */
  private async release(connection: Connection): Promise<void> {
    if (connection.midQuery || this.client.isInTransaction()) {
      const rollback = connection.midQuery ? SYNC_ROLLBACK : ROLLBACK;
      await this.client.runExclusive(() => this.client.execProtocolRaw(rollback));
    }
    if (this.owner === connection) this.owner = null;
  }
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/**
 * The supervisor's embedded database: PGlite opened from `dataDir` (locked to this process),
 * migrated, and served on a Unix socket — in the data folder when the path fits a socket's name,
 * else in a private temporary folder.
 */
export async function startPgliteServer(dataDir: string): Promise<PgliteServer> {
  const { client, close } = openPglite(dataDir);
  try {
    await migrate({ db: drizzle(client, { schema, casing: "snake_case" }), kind: "pglite", driver: "pglite", close });
    const server = await servePglite(client, socketPath(dataDir));
    return {
      path: server.path,
      close: async () => {
        await server.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function socketPath(dataDir: string): string {
  const inFolder = pgliteSocketPath(dataDir);
  // Unix socket names are limited to 107 bytes.
  if (!dataDir.startsWith("memory://") && Buffer.byteLength(inFolder) < 100) return inFolder;
  return join(mkdtempSync(join(tmpdir(), "suture-db-")), "pglite.sock");
}

import { createDb, type Db, type DbHandle, migrate } from "@suture/db";

// One handle per process, kept on globalThis so Next's dev reloads don't open PGlite twice.
const store = globalThis as unknown as { __sutureDb?: Promise<DbHandle> };

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
      await handle.close().catch(() => {});
      throw error;
    }
    return handle;
  })();
  return store.__sutureDb;
}

export async function closeDb(): Promise<void> {
  const pending = store.__sutureDb;
  store.__sutureDb = undefined;
  if (pending) await (await pending).close();
}

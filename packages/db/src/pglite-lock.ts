import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * PGlite is one process's database: a second process opening the same files corrupts them.
 * A pid file next to the data folder turns that mistake into a clear error.
 */
export function lockPgliteDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(file, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `the embedded database ${dataDir} is in use by process ${owner}; stop it first, or set DATABASE_URL to share a PostgreSQL server`,
        );
      }
      unlinkSync(file); // left behind by a process that died
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Where `pnpm start`'s supervisor serves the PGlite files of `dataDir`: beside them, in the data folder. */
export function pgliteSocketPath(dataDir: string): string {
  return join(dirname(dataDir), "pglite.sock");
}

/**
 * The socket of a running supervisor that holds `dataDir`, if there is one: another process (a
 * `pnpm suture …` command) then goes through it instead of being refused by the lock.
 */
export function servedPgliteSocket(dataDir: string): string | null {
  if (dataDir.startsWith("memory://")) return null;
  const socket = pgliteSocketPath(dataDir);
  if (!existsSync(socket)) return null;
  try {
    const owner = Number(readFileSync(`${dataDir}.lock`, "utf8"));
    return owner && owner !== process.pid && isAlive(owner) ? socket : null;
  } catch {
    return null;
  }
}

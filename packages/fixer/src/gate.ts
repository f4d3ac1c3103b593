import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

// A gate is a folder only Suture can enter (mode 0700, Suture's own), holding exactly one folder
// that is handed to the sandbox: a checkout or a private home. The sandbox user owns what is
// inside, so the gate is what keeps other processes of that user out. It is opened to one run's
// group (0710: enter, not list) while that run is going on, and closed again when it ends.

const CHECKOUT_GATE = "suture-checkout-";
const CHECKOUT_FOLDER = "repo";

/** A fresh gate in the temp folder, and the empty folder inside it. */
export function createGated(prefix: string, inner: string): { gate: string; dir: string } {
  const gate = mkdtempSync(join(tmpdir(), prefix)); // 0700
  const dir = join(gate, inner);
  mkdirSync(dir, { mode: 0o755 });
  return { gate, dir };
}

/** Where `cloneRepository` puts a checkout: `<tmp>/suture-checkout-XXXXXX/repo`. */
export function createCheckoutFolder(): { gate: string; dir: string } {
  return createGated(CHECKOUT_GATE, CHECKOUT_FOLDER);
}

/** The gate a checkout made by `cloneRepository` sits in, or null for any other folder. */
export function checkoutGate(dir: string): string | null {
  const parent = dirname(resolve(dir));
  if (!basename(parent).startsWith(CHECKOUT_GATE)) return null;
  try {
    const stat = lstatSync(parent);
    return stat.isDirectory() && stat.uid === process.getuid?.() ? parent : null;
  } catch {
    return null;
  }
}

/** Lets processes whose group is `gid` pass through the gate; nobody else but Suture. */
export function openGate(gate: string, gid: number): void {
  chownSync(gate, ownUid(), gid);
  chmodSync(gate, 0o710);
}

/** Suture's own again: no sandbox process can enter, whatever its group. */
export function closeGate(gate: string): void {
  try {
    chmodSync(gate, 0o700);
    chownSync(gate, ownUid(), ownGid());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Suture's own user id; gates exist only where processes have POSIX ids. */
function ownUid(): number {
  const uid = process.getuid?.();
  if (uid === undefined) throw new Error("gates need POSIX user ids");
  return uid;
}

function ownGid(): number {
  const gid = process.getgid?.();
  if (gid === undefined) throw new Error("gates need POSIX group ids");
  return gid;
}

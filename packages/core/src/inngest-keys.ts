import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "@suture/db";

/** The keys the app's Inngest client and the embedded executor share. */
export interface InngestKeys {
  /** Signs every call the executor makes to /api/inngest; its hash authorizes the SDK's registration. */
  signingKey: string;
  /** The only key the executor takes events on (`POST /e/<key>`). */
  eventKey: string;
}

const SIGNING_KEY = /^signkey-prod-[0-9a-f]{64}$/;
const EVENT_KEY = /^[0-9a-f]{64}$/;

let cached: InngestKeys | undefined;

/**
 * The embedded executor's keys. Made once and kept in the data folder (owner-only), so the
 * server and the CLI — which sends events to the server's executor — agree, and /api/inngest
 * never runs unsigned; with `memory://` they are random for this process only.
 */
export function embeddedInngestKeys(): InngestKeys {
  if (cached) return cached;
  if (dataDir() === "memory://") return (cached = newKeys());
  const file = inngestKeysFile();
  mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
  createOnce(file, `${JSON.stringify(newKeys())}\n`);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  let keys: Partial<InngestKeys> = {};
  try {
    keys = JSON.parse(readFileSync(file, "utf8")) as Partial<InngestKeys>;
  } catch {
    // Reported below.
  }
  if (
    typeof keys.signingKey !== "string" ||
    !SIGNING_KEY.test(keys.signingKey) ||
    typeof keys.eventKey !== "string" ||
    !EVENT_KEY.test(keys.eventKey)
  ) {
    throw new Error(`${file} does not hold Suture's Inngest keys; delete it to make new ones`);
  }
  return (cached = { signingKey: keys.signingKey, eventKey: keys.eventKey });
}

export function inngestKeysFile(): string {
  return join(dataDir(), "inngest-keys.json");
}

function newKeys(): InngestKeys {
  return { signingKey: `signkey-prod-${randomBytes(32).toString("hex")}`, eventKey: randomBytes(32).toString("hex") };
}

/**
 * Writes `file` only if it does not exist, whole or not at all: processes starting together
 * (a server and a CLI, test workers) all end up reading the same keys.
 */
function createOnce(file: string, content: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
}

import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { countUsers } from "@suture/db";
import { dataDir } from "@suture/db";
import { getDb } from "../database.ts";
import { env } from "../env.ts";
import { addUser, type AddUserResult } from "./users.ts";

const store = globalThis as unknown as { __sutureSetupToken?: string | null };

/** Where the current setup token is also written (owner only), for scripts that start a server. */
export function setupTokenFile(): string {
  return join(dataDir(), "setup-token");
}

/**
 * On a database with no users: a random one-time token for /setup, made at boot. It works
 * until the first admin exists; every later boot of a database with users makes none.
 */
export async function prepareSetupLink(): Promise<string | null> {
  if ((await countUsers(await getDb())) > 0) {
    store.__sutureSetupToken = null;
    removeTokenFile();
    return null;
  }
  const token = randomBytes(24).toString("base64url");
  store.__sutureSetupToken = token;
  if (dataDir() !== "memory://") {
    mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
    writeFileSync(setupTokenFile(), token, { mode: 0o600 });
  }
  return token;
}

/** The link to print: on SUTURE_PUBLIC_URL when set, else this machine's port. */
export function setupUrl(token: string): string {
  const origin = (env.SUTURE_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return `${origin}/setup?token=${encodeURIComponent(token)}`;
}

/** True while the token may still create the first admin. */
export async function setupTokenValid(token: string): Promise<boolean> {
  const current = store.__sutureSetupToken;
  if (!current || !sameToken(current, token)) return false;
  return (await countUsers(await getDb())) === 0;
}

export type SetupResult = AddUserResult | { status: "invalid_token"; error: string };

/** Creates the first admin (of every workspace) with the setup token, which then stops working. */
export async function completeSetup(input: {
  token: string;
  email: string;
  password: string;
  name?: string;
}): Promise<SetupResult> {
  const current = store.__sutureSetupToken;
  if (!current || !sameToken(current, input.token) || (await countUsers(await getDb())) > 0) {
    return { status: "invalid_token", error: "this setup link is not valid any more: sign in instead" };
  }
  // Taken before the first await that could interleave with a second request: one of two wins.
  store.__sutureSetupToken = null;
  const result = await addUser(
    { email: input.email, password: input.password, name: input.name, role: "admin" },
    { userId: null, label: "setup link" },
  ).catch((error: unknown) => {
    store.__sutureSetupToken = current;
    throw error;
  });
  if (result.status !== "created") {
    store.__sutureSetupToken = current;
    return result;
  }
  removeTokenFile();
  return result;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function removeTokenFile(): void {
  if (dataDir() !== "memory://") rmSync(setupTokenFile(), { force: true });
}

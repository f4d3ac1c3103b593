import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "@suture/db";
import { isEmbeddedDatabase } from "../config.ts";
import { env } from "../env.ts";

let cached: string | undefined;

export const AUTH_SECRET_REQUIRED =
  "SUTURE_AUTH_SECRET is not set: with DATABASE_URL it is required (32 characters or more, e.g. `openssl rand -hex 32`), the same on every server";

/**
 * The secret sessions are signed with. SUTURE_AUTH_SECRET wins; on the embedded defaults a
 * random one is made once and kept in the data folder (owner only), like the Sentry secret.
 * On PostgreSQL several servers share sessions, so it must be configured.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.SUTURE_AUTH_SECRET) return (cached = env.SUTURE_AUTH_SECRET);
  if (!isEmbeddedDatabase) throw new Error(AUTH_SECRET_REQUIRED);
  if (dataDir() === "memory://") return (cached = randomBytes(32).toString("hex"));
  const file = authSecretFile();
  if (!existsSync(file)) {
    mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return (cached = readFileSync(file, "utf8").trim());
}

export function authSecretFile(): string {
  return join(dataDir(), "auth-secret");
}

import { existsSync, readFileSync } from "node:fs";
import { localSecretFile } from "@suture/core";
import { env } from "./env.ts";

/**
 * The secret to sign with: --secret, else SENTRY_CLIENT_SECRET (its first entry), else the
 * secret the embedded server made for itself in the data folder.
 */
export function resolveSecret(explicit: string | undefined): string | undefined {
  if (explicit) return explicit;
  const configured = env.SENTRY_CLIENT_SECRET?.split(",")[0]?.trim();
  if (configured) return configured;
  const file = localSecretFile();
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

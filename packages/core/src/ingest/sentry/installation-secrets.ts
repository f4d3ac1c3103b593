import { listInstallationSecrets } from "@suture/db";
import { getDb } from "../../database.ts";

const TTL_MS = 30_000;
let cache: { at: number; secrets: string[] } | undefined;

/**
 * Per-installation client secrets (multi-org installs). Only consulted when the env secrets
 * fail, and cached briefly so a burst of bad signatures cannot hammer the database.
 */
export async function installationSecrets(): Promise<string[]> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.secrets;
  const secrets = await listInstallationSecrets(await getDb());
  cache = { at: Date.now(), secrets };
  return secrets;
}

export function forgetInstallationSecrets(): void {
  cache = undefined;
}

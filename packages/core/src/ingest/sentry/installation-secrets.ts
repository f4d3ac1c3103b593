import { listInstallationSecrets } from "@suture/db";
import { getDb } from "../../database.ts";
import { log } from "../../observability/log.ts";
import { openSecret } from "../../sentry-installations/secret-box.ts";

const TTL_MS = 30_000;
let cache: { at: number; secrets: string[] } | undefined;

/**
 * Per-installation client secrets (multi-org installs). Only consulted when the env secrets
 * fail, and cached briefly so a burst of bad signatures cannot hammer the database.
 */
export async function installationSecrets(): Promise<string[]> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.secrets;
  const secrets = (await listInstallationSecrets(await getDb())).flatMap((stored) => {
    // Sealed (`v1:`) since credentials are encrypted at rest; older rows hold the plain secret.
    const opened = openSecret(stored);
    if (opened.status === "ok") return [opened.value];
    log.warn(`an installation's client secret is unreadable: ${opened.error}`);
    return [];
  });
  cache = { at: Date.now(), secrets };
  return secrets;
}

export function forgetInstallationSecrets(): void {
  cache = undefined;
}

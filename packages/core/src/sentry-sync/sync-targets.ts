import { type Db, listInstallationCredentials } from "@suture/db";
import { env } from "../env.ts";
import { type SentryClient, sentryApiForInstallation } from "../clients/sentry-api.ts";

export interface SyncTarget {
  org: string;
  /** The installation whose deliveries the recovered issues stand in for; null for SENTRY_ORG alone. */
  installationUuid: string | null;
  client: SentryClient;
}

/**
 * The organizations the sync reads: each active installation that names its organization (the
 * oldest one per organization), with its own credentials, and SENTRY_ORG when no installation
 * names it. An installation it cannot call for is still listed, so its run records why.
 */
export async function syncTargets(db: Db): Promise<SyncTarget[]> {
  const targets = new Map<string, SyncTarget>();
  for (const installation of await listInstallationCredentials(db)) {
    if (installation.status !== "active" || !installation.orgSlug || targets.has(installation.orgSlug)) continue;
    targets.set(installation.orgSlug, {
      org: installation.orgSlug,
      installationUuid: installation.uuid,
      client: sentryApiForInstallation(installation),
    });
  }
  if (env.SENTRY_ORG && !targets.has(env.SENTRY_ORG)) {
    targets.set(env.SENTRY_ORG, {
      org: env.SENTRY_ORG,
      installationUuid: null,
      client: sentryApiForInstallation(undefined),
    });
  }
  return [...targets.values()];
}

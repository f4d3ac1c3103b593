import {
  type Db,
  getInstallationCredentials,
  type InstallationCredentials,
  issueInstallationUuid,
  workspaceInstallation,
} from "@suture/db";
import { type SentryApi, createSentryApi } from "@suture/sentry";
import { env } from "../env.ts";
import { openSecret } from "../sentry-installations/secret-box.ts";

/** The Sentry REST client, or null when SENTRY_AUTH_TOKEN or SENTRY_ORG is not set. */
export function sentryApi(): SentryApi | null {
  if (!env.SENTRY_AUTH_TOKEN || !env.SENTRY_ORG) return null;
  return createSentryApi({ baseUrl: env.SENTRY_URL, token: env.SENTRY_AUTH_TOKEN, org: env.SENTRY_ORG });
}

/** Which settings the REST client still needs, in words for a timeline; null when configured. */
export function sentryApiMissing(): string | null {
  const missing = [!env.SENTRY_AUTH_TOKEN && "SENTRY_AUTH_TOKEN", !env.SENTRY_ORG && "SENTRY_ORG"].filter(Boolean);
  return missing.length > 0 ? `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set` : null;
}

export type SentryClient =
  | { status: "ok"; api: SentryApi; org: string; installationUuid: string | null }
  | { status: "missing"; reason: string };

type Installation = Pick<InstallationCredentials, "uuid" | "orgSlug" | "authToken">;

/**
 * The client an installation's calls go through: its own token (sealed at rest) and organization,
 * else SENTRY_AUTH_TOKEN/SENTRY_ORG — the default for one organization, so not for another one.
 */
export function sentryApiForInstallation(installation: Installation | undefined): SentryClient {
  if (installation?.authToken) {
    const token = openSecret(installation.authToken);
    if (token.status === "unreadable")
      return { status: "missing", reason: `installation ${installation.uuid}'s token: ${token.error}` };
    const org = installation.orgSlug ?? env.SENTRY_ORG;
    if (!org) return { status: "missing", reason: `installation ${installation.uuid} has no organization slug` };
    const api = createSentryApi({ baseUrl: env.SENTRY_URL, token: token.value, org });
    return { status: "ok", api, org, installationUuid: installation.uuid };
  }
  const api = sentryApi();
  if (!api || !env.SENTRY_ORG)
    return { status: "missing", reason: sentryApiMissing() ?? "the Sentry API is not configured" };
  if (installation?.orgSlug && installation.orgSlug !== env.SENTRY_ORG) {
    return {
      status: "missing",
      reason: `installation ${installation.uuid} (organization ${installation.orgSlug}) has no token of its own and SENTRY_ORG is ${env.SENTRY_ORG}`,
    };
  }
  return { status: "ok", api, org: env.SENTRY_ORG, installationUuid: installation?.uuid ?? null };
}

/**
 * The client for one of a workspace's issues: the installation whose deliveries announced it,
 * else the workspace's installation, else the env settings.
 */
export async function sentryApiForIssue(
  db: Db,
  { workspaceId, issueId }: { workspaceId: string; issueId: string },
): Promise<SentryClient> {
  const uuid = await issueInstallationUuid(db, { workspaceId, sentryIssueId: issueId });
  const installation =
    (uuid ? await getInstallationCredentials(db, { uuid }) : undefined) ??
    (await workspaceInstallation(db, { workspaceId }));
  return sentryApiForInstallation(installation);
}

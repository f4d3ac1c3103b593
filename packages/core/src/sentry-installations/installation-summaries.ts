import { listInstallationCredentials, listWorkspaces } from "@suture/db";
import { getDb } from "../database.ts";
import { env } from "../env.ts";
import { openSecret, secretHint } from "./secret-box.ts";

export interface InstallationSummary {
  uuid: string;
  org: string | null;
  workspaceSlug: string | null;
  status: "active" | "deleted";
  /** `…abcd` (its last 4 characters) when the installation has a token of its own; never the token. */
  token: { hint: string } | { unreadable: string } | null;
  clientSecret: boolean;
  /** Whose credentials its Sentry calls use. */
  calls: "its own token" | "SENTRY_AUTH_TOKEN" | "none";
}

/** Every Sentry installation and which credentials it has, for the settings page: no secret in it. */
export async function installationSummaries(): Promise<InstallationSummary[]> {
  const db = await getDb();
  const slugs = new Map((await listWorkspaces(db)).map((w) => [w.id, w.slug]));
  return (await listInstallationCredentials(db)).map((row) => {
    const shown = credentialsShown(row);
    return {
      uuid: row.uuid,
      org: row.orgSlug,
      workspaceSlug: row.workspaceId ? (slugs.get(row.workspaceId) ?? null) : null,
      status: row.status,
      ...shown,
      calls: shown.token ? "its own token" : env.SENTRY_AUTH_TOKEN ? "SENTRY_AUTH_TOKEN" : "none",
    };
  });
}

/** What a page may know of an installation's credentials: a token's last 4 characters, whether a secret is set. */
export function credentialsShown(row: { authToken: string | null; clientSecret: string | null }): {
  token: InstallationSummary["token"];
  clientSecret: boolean;
} {
  const opened = row.authToken ? openSecret(row.authToken) : null;
  const token = opened && (opened.status === "ok" ? { hint: secretHint(opened.value) } : { unreadable: opened.error });
  return { token, clientSecret: row.clientSecret !== null };
}

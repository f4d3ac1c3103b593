import { ensureWorkspace } from "@suture/db";
import { autoRoute, clientSecrets, embeddedExecutor, executorPort, executorUrl, isEmbeddedDatabase, localSecretFile, serveUrl } from "./config.ts";
import { authSecret } from "./auth/auth-secret.ts";
import { getDbHandle } from "./database.ts";
import { env } from "./env.ts";
import { agentConfigurationError } from "./fixes/dispatch/agent-settings.ts";
import { githubClient, NO_GITHUB_CREDENTIALS } from "./github/github-client.ts";
import { DEFAULT_WORKSPACE_SLUG } from "./ingest/resolve-workspace.ts";

export interface StartupReport {
  database: "postgres" | "pglite";
  autoRoute: boolean;
  /** Set when the in-process executor must run: where it listens and what it drives. */
  executor: { url: string; port: number; serveUrl: string } | null;
  secrets: number;
  secretFile: string | null;
  /** Settings that leave a feature unable to work, in words for the operator. */
  warnings: string[];
}

/** Opens and migrates the database and prepares the embedded defaults. Called once at boot. */
export async function startSuture(): Promise<StartupReport> {
  authSecret(); // on PostgreSQL without SUTURE_AUTH_SECRET: refuse to start, saying why
  const handle = await getDbHandle();
  if (autoRoute) await ensureWorkspace(handle.db, DEFAULT_WORKSPACE_SLUG, "Default");
  const secrets = clientSecrets();
  return {
    database: handle.kind,
    autoRoute,
    executor: embeddedExecutor ? { url: executorUrl, port: executorPort, serveUrl } : null,
    secrets: secrets.length,
    secretFile: isEmbeddedDatabase && !env.SENTRY_CLIENT_SECRET && secrets.length > 0 ? localSecretFile() : null,
    warnings: [
      agentConfigurationError(),
      githubClient() ? null : `fix runs cannot push or open pull requests: ${NO_GITHUB_CREDENTIALS}`,
    ].filter((w): w is string => w !== null),
  };
}

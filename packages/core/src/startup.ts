import { dataDir, ensureWorkspace } from "@suture/db";
import {
  autoRoute,
  clientSecrets,
  embeddedExecutor,
  executorPort,
  executorUrl,
  inngestDevMode,
  isEmbeddedDatabase,
  localSecretFile,
  serveEndpoint,
  serveUrl,
} from "./config.ts";
import { authSecret } from "./auth/auth-secret.ts";
import { getDbHandle } from "./database.ts";
import { env } from "./env.ts";
import { agentSettings, sandboxDescription } from "./fixes/dispatch/agent-settings.ts";
import { githubClient, NO_GITHUB_CREDENTIALS } from "./clients/github-client.ts";
import { DEFAULT_WORKSPACE_SLUG } from "./workspaces/route-workspace.ts";
import { embeddedInngestKeys, inngestKeysFile } from "./inngest-keys.ts";

export interface StartupReport {
  database: "postgres" | "pglite";
  autoRoute: boolean;
  /**
   * Set when the in-process executor must run: where it listens, what it drives, and the keys
   * it shares with the app's Inngest client (kept in `keyFile`, or in memory when null).
   */
  executor: {
    url: string;
    port: number;
    serveUrl: string;
    signingKey: string;
    eventKey: string;
    keyFile: string | null;
  } | null;
  secrets: number;
  secretFile: string | null;
  /** How agents and tests are confined (bubblewrap or another OS user), in words; null when the agent settings are invalid. */
  sandbox: string | null;
  /** Settings that leave a feature unable to work, or an endpoint open, in words for the operator. */
  warnings: string[];
}

/** Opens and migrates the database and prepares the embedded defaults. Called once at boot. */
export async function startSuture(): Promise<StartupReport> {
  authSecret(); // on PostgreSQL without SUTURE_AUTH_SECRET: refuse to start, saying why
  const handle = await getDbHandle();
  if (autoRoute) await ensureWorkspace(handle.db, { slug: DEFAULT_WORKSPACE_SLUG, name: "Default" });
  const secrets = clientSecrets();
  const keys = embeddedExecutor ? embeddedInngestKeys() : null;
  const agent = agentSettings();
  return {
    database: handle.kind,
    autoRoute,
    executor: keys
      ? {
          url: executorUrl,
          port: executorPort,
          serveUrl,
          ...keys,
          keyFile: dataDir() === "memory://" ? null : inngestKeysFile(),
        }
      : null,
    secrets: secrets.length,
    secretFile: isEmbeddedDatabase && !env.SENTRY_CLIENT_SECRET && secrets.length > 0 ? localSecretFile() : null,
    sandbox: agent.status === "ok" ? sandboxDescription(agent.settings) : null,
    warnings: [
      agent.status === "invalid" ? agent.error : null,
      githubClient() ? null : `fix runs cannot push or open pull requests: ${NO_GITHUB_CREDENTIALS}`,
      ...inngestWarnings(),
    ].filter((w): w is string => w !== null),
  };
}

/** What the Inngest settings leave open, when Inngest is not the embedded executor. */
function inngestWarnings(): (string | null)[] {
  if (embeddedExecutor) return [];
  if (inngestDevMode) {
    return [
      "INNGEST_DEV is set: /api/inngest runs in the SDK's dev mode and checks no signatures, so anyone who reaches it can run " +
        "Suture's functions; use it only with a local Inngest Dev Server on a machine you trust",
    ];
  }
  return [
    env.INNGEST_SIGNING_KEY
      ? null
      : "INNGEST_SIGNING_KEY is not set: /api/inngest answers 500 until it is (Inngest Cloud mode)",
    env.INNGEST_EVENT_KEY ? null : "INNGEST_EVENT_KEY is not set: Suture cannot send events (Inngest Cloud mode)",
    serveEndpoint || env.INNGEST_SERVE_ORIGIN
      ? null
      : "SUTURE_SERVE_ORIGIN is not set: an app sync takes /api/inngest's URL from the request's Host header; set it to the URL Inngest reaches Suture at",
  ];
}

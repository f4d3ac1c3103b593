import {
  countUnroutedByInstallation,
  getWorkspacePolicy,
  listProjectOverrides,
  listRepositories,
  listVisibleInstallations,
  type ProjectOverride,
  type Repository,
  type WorkspacePolicy,
} from "@suture/db";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { env } from "../env.ts";
import { agentSettings, sandboxDescription } from "../fixes/dispatch/agent-settings.ts";
import { credentialsShown } from "../sentry-installations/installation-summaries.ts";

export interface InstallationRow {
  uuid: string;
  orgSlug: string | null;
  status: "active" | "deleted";
  /** Mapped to this workspace (else to none yet). */
  mapped: boolean;
  autoRouted: boolean;
  unrouted: number;
  /** Its own Sentry token: `…abcd` (the last 4 characters) or why it is unreadable; never the token. */
  token: { hint: string } | { unreadable: string } | null;
  /** It has a client secret of its own (never shown). */
  clientSecret: boolean;
}

/** What the server runs as its coding agent: names only, never a secret's value. */
export interface AgentSummary {
  preset: string;
  command: string | null;
  /** The names of the environment variables the agent may see (its own API key). */
  allowedEnv: string[];
  timeoutSeconds: number;
  testTimeoutSeconds: number;
  sandboxed: boolean;
  /** How agents and tests are confined, in words (see `sandboxDescription`); null when the settings are invalid. */
  sandbox: string | null;
  error: string | null;
}

export type SettingsPage =
  | {
      status: "ok";
      installations: InstallationRow[];
      overrides: ProjectOverride[];
      repositories: Repository[];
      policy: WorkspacePolicy;
      agent: AgentSummary;
    }
  | { status: "forbidden" };

/** The workspace's settings: routing, repositories, fix policy, the agent in use. Admins only. */
export async function getSettingsPage(scope: WorkspaceScope): Promise<SettingsPage> {
  if (!can(scope.role, "admin")) return { status: "forbidden" };
  const db = await getDb();
  const workspaceId = scope.workspaceId;
  const [installations, unrouted, overrides, repositories, policy] = await Promise.all([
    listVisibleInstallations(db, { workspaceId }),
    countUnroutedByInstallation(db),
    listProjectOverrides(db, { workspaceId }),
    listRepositories(db, { workspaceId }),
    getWorkspacePolicy(db, { workspaceId }),
  ]);
  const known = new Set(installations.map((i) => i.uuid));
  // Deliveries can name an installation Suture has not recorded (its installation.created was never delivered).
  const unrecorded = [...unrouted.keys()].flatMap((uuid) => (uuid && !known.has(uuid) ? [uuid] : []));
  return {
    status: "ok",
    installations: [
      ...installations.map((i) => ({
        uuid: i.uuid,
        orgSlug: i.orgSlug,
        status: i.status,
        mapped: i.workspaceId === workspaceId,
        autoRouted: i.autoRouted,
        unrouted: unrouted.get(i.uuid) ?? 0,
        ...credentialsShown(i),
      })),
      ...unrecorded.map((uuid) => ({
        uuid,
        orgSlug: null,
        status: "active" as const,
        mapped: false,
        autoRouted: false,
        unrouted: unrouted.get(uuid) ?? 0,
        token: null,
        clientSecret: false,
      })),
    ],
    overrides,
    repositories,
    policy,
    agent: agentSummary(),
  };
}

function agentSummary(): AgentSummary {
  const result = agentSettings();
  const base = {
    preset: env.SUTURE_AGENT,
    timeoutSeconds: env.SUTURE_AGENT_TIMEOUT_SECONDS,
    testTimeoutSeconds: env.SUTURE_TEST_TIMEOUT_SECONDS,
  };
  if (result.status === "invalid") {
    return { ...base, command: null, allowedEnv: [], sandboxed: false, sandbox: null, error: result.error };
  }
  const { preset, runAs } = result.settings;
  const sandbox = sandboxDescription(result.settings);
  return {
    ...base,
    command: preset.command,
    allowedEnv: preset.allowEnv,
    sandboxed: runAs !== undefined,
    sandbox,
    error: null,
  };
}

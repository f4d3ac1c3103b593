import { dataDir } from "@suture/db";
import {
  agentPreset,
  type AgentPreset,
  bwrapAvailable,
  resolveSandboxUser,
  type SandboxKind,
  type SandboxUser,
} from "@suture/fixer";
import { isAbsolute } from "node:path";
import { env } from "../../env.ts";

export interface AgentSettings {
  preset: AgentPreset;
  timeoutMs: number;
  testTimeoutMs: number;
  /** Another OS user for the agent and the tests: same-user processes can read the server's /proc/<pid>/environ. */
  runAs?: SandboxUser;
  /** bubblewrap's namespaces or only `runAs` (when absent); `hide` lists what stays out of sight (the data folder). */
  sandbox?: { kind: SandboxKind; hide: string[] };
}

export type AgentSettingsResult = { status: "ok"; settings: AgentSettings } | { status: "invalid"; error: string };

/** The coding agent this server runs, from SUTURE_AGENT, SUTURE_AGENT_COMMAND, SUTURE_SANDBOX_USER and SUTURE_SANDBOX. */
export function agentSettings(): AgentSettingsResult {
  if (env.SUTURE_AGENT === "command" && !env.SUTURE_AGENT_COMMAND) {
    return { status: "invalid", error: "SUTURE_AGENT=command needs SUTURE_AGENT_COMMAND (the executable to run)" };
  }
  const user = sandboxUserName();
  const runAs = user ? resolveSandboxUser(user) : undefined;
  if (runAs && "error" in runAs) return { status: "invalid", error: `SUTURE_SANDBOX_USER: ${runAs.error}` };
  const kind = sandboxKind(runAs);
  if (typeof kind !== "string") return { status: "invalid", error: kind.error };
  const data = dataDir();
  return {
    status: "ok",
    settings: {
      preset: agentPreset(env.SUTURE_AGENT, env.SUTURE_AGENT_COMMAND, [], {
        model: env.SUTURE_AGENT_MODEL,
        allowEnv: env.SUTURE_AGENT_ENV,
      }),
      timeoutMs: env.SUTURE_AGENT_TIMEOUT_SECONDS * 1000,
      testTimeoutMs: env.SUTURE_TEST_TIMEOUT_SECONDS * 1000,
      runAs,
      sandbox: { kind, hide: isAbsolute(data) ? [data] : [] },
    },
  };
}

/** Said at boot, not at the first approval. */
export function agentConfigurationError(): string | null {
  const result = agentSettings();
  return result.status === "invalid" ? result.error : null;
}

/** Which sandbox runs will use, in words for the boot log and the settings page. */
export function sandboxDescription(settings: AgentSettings): string {
  const user = settings.runAs ? `as uid ${settings.runAs.uid}` : "as Suture's own user";
  if (settings.sandbox?.kind === "bwrap") {
    const check = bwrapAvailable(settings.runAs);
    const how = check.usable && check.via === "setpriv" ? "run by root, setpriv inside" : "own user namespace";
    return `bubblewrap (own mount and PID namespaces, ${how}; tests without network), ${user}`;
  }
  const why = env.SUTURE_SANDBOX === "uid" ? "SUTURE_SANDBOX=uid" : bwrapAvailable(settings.runAs);
  const reason = typeof why === "string" ? why : why.usable ? "" : why.reason;
  return `process group and OS user only, ${user}${reason ? ` (${reason})` : ""}`;
}

function sandboxKind(runAs: SandboxUser | undefined): SandboxKind | { error: string } {
  if (env.SUTURE_SANDBOX === "uid") return "uid";
  const check = bwrapAvailable(runAs);
  if (check.usable) return "bwrap";
  if (env.SUTURE_SANDBOX === "bwrap") return { error: `SUTURE_SANDBOX=bwrap: ${check.reason}` };
  return "uid";
}

function sandboxUserName(): string | undefined {
  if (env.SUTURE_SANDBOX_USER === "same") return undefined;
  // Root can hand the agent to an unprivileged user, so it does unless told otherwise.
  return env.SUTURE_SANDBOX_USER ?? (process.getuid?.() === 0 ? "nobody" : undefined);
}

import { agentPreset, type AgentPreset, resolveSandboxUser, type SandboxUser } from "@suture/fixer";
import { env } from "../../env.ts";

export interface AgentSettings {
  preset: AgentPreset;
  timeoutMs: number;
  testTimeoutMs: number;
  /** Another OS user for the agent and the tests: same-user processes can read the server's /proc/<pid>/environ. */
  runAs?: SandboxUser;
}

export type AgentSettingsResult = { status: "ok"; settings: AgentSettings } | { status: "invalid"; error: string };

/** The coding agent this server runs, from SUTURE_AGENT, SUTURE_AGENT_COMMAND and SUTURE_SANDBOX_USER. */
export function agentSettings(): AgentSettingsResult {
  if (env.SUTURE_AGENT === "command" && !env.SUTURE_AGENT_COMMAND) {
    return { status: "invalid", error: "SUTURE_AGENT=command needs SUTURE_AGENT_COMMAND (the executable to run)" };
  }
  const user = sandboxUserName();
  const runAs = user ? resolveSandboxUser(user) : undefined;
  if (runAs && "error" in runAs) return { status: "invalid", error: `SUTURE_SANDBOX_USER: ${runAs.error}` };
  return {
    status: "ok",
    settings: {
      preset: agentPreset(env.SUTURE_AGENT, env.SUTURE_AGENT_COMMAND),
      timeoutMs: env.SUTURE_AGENT_TIMEOUT_SECONDS * 1000,
      testTimeoutMs: env.SUTURE_TEST_TIMEOUT_SECONDS * 1000,
      runAs,
    },
  };
}

/** Said at boot, not at the first approval. */
export function agentConfigurationError(): string | null {
  const result = agentSettings();
  return result.status === "invalid" ? result.error : null;
}

function sandboxUserName(): string | undefined {
  if (env.SUTURE_SANDBOX_USER === "same") return undefined;
  // Root can hand the agent to an unprivileged user, so it does unless told otherwise.
  return env.SUTURE_SANDBOX_USER ?? (process.getuid?.() === 0 ? "nobody" : undefined);
}

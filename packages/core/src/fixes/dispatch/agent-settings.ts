import { agentPreset, type AgentPreset } from "@suture/fixer";
import { env } from "../../env.ts";

export interface AgentSettings {
  preset: AgentPreset;
  timeoutMs: number;
  testTimeoutMs: number;
}

/** The coding agent this server runs, from SUTURE_AGENT / SUTURE_AGENT_COMMAND. */
export function agentFromEnv(): AgentSettings {
  return {
    preset: agentPreset(env.SUTURE_AGENT, env.SUTURE_AGENT_COMMAND),
    timeoutMs: env.SUTURE_AGENT_TIMEOUT_SECONDS * 1000,
    testTimeoutMs: env.SUTURE_TEST_TIMEOUT_SECONDS * 1000,
  };
}

/** Says at boot, not at the first approval, that the "command" preset has no command. */
export function agentConfigurationError(): string | null {
  if (env.SUTURE_AGENT === "command" && !env.SUTURE_AGENT_COMMAND) {
    return 'SUTURE_AGENT=command needs SUTURE_AGENT_COMMAND (the executable to run)';
  }
  return null;
}

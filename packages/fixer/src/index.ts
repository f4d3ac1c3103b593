export { runAgent, type AgentRunOptions, type AgentRunResult } from "./run-agent.ts";
export { sandboxEnv } from "./sandbox-env.ts";
export { agentPreset, type AgentPreset, type AgentPresetName } from "./agent-presets.ts";

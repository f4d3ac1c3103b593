export { runAgent, type AgentRunOptions, type AgentRunResult } from "./run-agent.ts";
export { sandboxEnv } from "./sandbox-env.ts";
export { agentPreset, type AgentPreset, type AgentPresetName } from "./agent-presets.ts";
export { diffStats, parseNumstat, type FileChange } from "./diff-stats.ts";
export { checkDiff, type DiffRules, type DiffVerdict } from "./check-diff.ts";

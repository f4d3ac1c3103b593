export { runAgent, type AgentRunOptions, type AgentRunResult } from "./run-agent.ts";
export { runTestCommand, type TestCommandOptions, type TestRunResult } from "./run-test-command.ts";
export { resolveSandboxUser, type SandboxUser } from "./resolve-sandbox-user.ts";
export { sandboxEnv } from "./sandbox-env.ts";
export { bwrapAvailable, type BwrapCheck } from "./bwrap-available.ts";
export type { SandboxKind } from "./run-sandboxed.ts";
export {
  AGENT_PRESET_NAMES,
  agentPreset,
  type AgentPreset,
  type AgentPresetName,
  type AgentPresetOptions,
} from "./agent-presets.ts";
export { checkoutIntegrity } from "./checkout-integrity.ts";
export { snapshotChanges, type SnapshotResult } from "./snapshot-changes.ts";
export { parseNumstat, type FileChange } from "./parse-numstat.ts";
export { checkDiff, isTestPath, type DiffRules, type DiffVerdict } from "./check-diff.ts";
export { restoreBaseFiles } from "./restore-base-files.ts";
export { cloneRepository, type CloneOptions, type CloneResult } from "./clone-repository.ts";
export { listFiles } from "./list-files.ts";
export { publishBranch, type PublishOptions, type PublishResult } from "./publish-branch.ts";
export { removeCheckout } from "./remove-checkout.ts";
export { copyCheckout } from "./copy-checkout.ts";
export { findPublishedBranch, type FindPublishedOptions } from "./find-published-branch.ts";
export { fetchCommit, pushToBranch, type PushToBranchOptions, type PushToBranchResult } from "./push-to-branch.ts";

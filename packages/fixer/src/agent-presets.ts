/** How each supported agent is started; the prompt always arrives on stdin too. */
export interface AgentPreset {
  command: string;
  args: string[];
  /** The secrets the agent may see: its own model API key, or the names its configuration uses. */
  allowEnv: string[];
  /** Fixed variables it is given, beyond the sandbox's own. */
  env?: Record<string, string>;
}

export type AgentPresetName = "claude-code" | "codex" | "opencode" | "command";

export const AGENT_PRESET_NAMES: readonly AgentPresetName[] = ["claude-code", "codex", "opencode", "command"];

export interface AgentPresetOptions {
  /** The model, in the agent's own notation (`provider/model` for opencode). */
  model?: string;
  /** More variable names the agent may read (another provider's key, its configuration). */
  allowEnv?: string[];
}

/** Tools Claude Code may use: edit files and run the project's tests, nothing that reaches out. */
const CLAUDE_TOOLS = [
  "Read",
  "Edit",
  "Write",
  "Glob",
  "Grep",
  "Bash(git diff:*)",
  "Bash(git status:*)",
  "Bash(npm test:*)",
  "Bash(pnpm test:*)",
  "Bash(npx vitest:*)",
  "Bash(node:*)",
  "Bash(python -m pytest:*)",
];

/**
 * opencode reaches any provider its configuration names (a hosted one, a self-hosted
 * OpenAI-compatible endpoint, Ollama): the configuration comes inline in OPENCODE_CONFIG_CONTENT
 * or as a file named by OPENCODE_CONFIG, and the keys it references are listed in `allowEnv`.
 */
const OPENCODE_ENV = ["OPENCODE_CONFIG", "OPENCODE_CONFIG_CONTENT", "ANTHROPIC_API_KEY", "OPENAI_API_KEY"];

/**
 * The command line and environment of a preset: `command` replaces the preset's executable
 * (required for `command`), `args` go after the preset's own.
 */
export function agentPreset(
  name: AgentPresetName,
  command?: string,
  args: string[] = [],
  options: AgentPresetOptions = {},
): AgentPreset {
  const preset = basePreset(name, command, options.model);
  const allowEnv = [...new Set([...preset.allowEnv, ...(options.allowEnv ?? [])])];
  return { ...preset, args: [...preset.args, ...args], allowEnv };
}

function basePreset(name: AgentPresetName, command: string | undefined, model: string | undefined): AgentPreset {
  switch (name) {
    case "claude-code":
      return {
        command: command ?? "claude",
        args: [
          "-p",
          "--output-format",
          "text",
          "--allowedTools",
          CLAUDE_TOOLS.join(","),
          ...(model ? ["--model", model] : []),
        ],
        allowEnv: ["ANTHROPIC_API_KEY"],
      };
    case "codex":
      return {
        command: command ?? "codex",
        args: ["exec", "--full-auto", ...(model ? ["--model", model] : []), "-"],
        allowEnv: ["OPENAI_API_KEY"],
      };
    case "opencode":
      // `run` reads the prompt from stdin when it is not a terminal, and rejects every permission
      // request it would have asked a person about (no --auto).
      return {
        command: command ?? "opencode",
        args: ["run", ...(model ? ["--model", model] : [])],
        allowEnv: OPENCODE_ENV,
        env: { OPENCODE_DISABLE_AUTOUPDATE: "1", OPENCODE_DISABLE_SHARE: "1" },
      };
    case "command":
      if (!command) throw new Error('the "command" agent preset needs an executable');
      return { command, args: [], allowEnv: [] };
  }
}

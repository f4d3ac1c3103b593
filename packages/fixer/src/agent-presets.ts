/** How each supported agent is started; the prompt always arrives on stdin too. */
export interface AgentPreset {
  command: string;
  args: string[];
  /** The one secret the agent may see: its own model API key. */
  allowEnv: string[];
}

export type AgentPresetName = "claude-code" | "codex" | "command";

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

export function agentPreset(name: AgentPresetName, command?: string, args: string[] = []): AgentPreset {
  switch (name) {
    case "claude-code":
      return {
        command: command ?? "claude",
        args: ["-p", "--output-format", "text", "--allowedTools", CLAUDE_TOOLS.join(","), ...args],
        allowEnv: ["ANTHROPIC_API_KEY"],
      };
    case "codex":
      return { command: command ?? "codex", args: ["exec", "--full-auto", "-", ...args], allowEnv: ["OPENAI_API_KEY"] };
    case "command":
      if (!command) throw new Error('the "command" agent preset needs an executable');
      return { command, args, allowEnv: [] };
  }
}

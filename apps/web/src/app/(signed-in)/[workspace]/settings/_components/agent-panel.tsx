import type { AgentSummary } from "@suture/core";

/** The coding agent this server runs, from its configuration: names, never a secret's value. */
export function AgentPanel({ agent }: { agent: AgentSummary }) {
  const rows: [string, string][] = [
    ["Preset", agent.preset],
    ["Command", agent.command ?? "—"],
    ["Environment it may read", agent.allowedEnv.length > 0 ? agent.allowedEnv.join(", ") : "none"],
    ["Runs as", agent.sandboxed ? "another OS user (sandboxed)" : "Suture's own user"],
    ["Sandbox", agent.sandbox ?? "—"],
    ["Time limits", `agent ${agent.timeoutSeconds} s · tests ${agent.testTimeoutSeconds} s`],
  ];
  return (
    <div className="space-y-3">
      {agent.error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {agent.error}
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-mono text-xs break-all text-slate-800 sm:pt-0.5">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">
        Set with SUTURE_AGENT, SUTURE_AGENT_COMMAND, SUTURE_SANDBOX_USER and SUTURE_SANDBOX in the server&apos;s
        environment.
      </p>
    </div>
  );
}

import { parseArgs } from "node:util";
import { recordAudit, setWorkspacePolicy } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { cliActor } from "../cli-actor.ts";
import { UsageError } from "./send.ts";

export const POLICY_USAGE = `suture policy <workspace> [--mode manual|auto] [--levels error,fatal] [--min-events N] [--min-users N]
    [--environments production,...] [--max-active N] [--per-hour N] [--per-day N] [--max-files N] [--max-lines N]
    [--require-test true|false] [--require-reproducing-test true|false] [--via-seer true|false] [--auto-repairs N]

Sets how a workspace's fix runs start: by a person (manual, the default) or by policy (auto,
within the thresholds and budgets). --auto-repairs N lets a failing check or a change request on
a fix PR start up to N repairs per run on its own (0, the default: only \`suture fix repair\`). Prints the resulting policy. Opens the database directly:
on the embedded PGlite database, stop the server first.`;

const list = (text: string | undefined) =>
  text
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const bool = (text: string | undefined) =>
  text === undefined ? undefined : text === "true" ? true : text === "false" ? false : text;

export async function policy(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: Object.fromEntries(
      [
        "mode",
        "levels",
        "min-events",
        "min-users",
        "environments",
        "max-active",
        "per-hour",
        "per-day",
        "max-files",
        "max-lines",
        "require-test",
        "via-seer",
        "require-reproducing-test",
        "auto-repairs",
      ].map((name) => [name, { type: "string" as const }]),
    ),
  });
  const [workspace] = positionals;
  if (!workspace) throw new UsageError("say which workspace");
  try {
    const result = await setWorkspacePolicy(workspace, {
      mode: values.mode as "manual" | "auto" | undefined,
      autoLevels: list(values.levels) as ("error" | "fatal")[] | undefined,
      autoMinEvents: values["min-events"],
      autoMinUsers: values["min-users"],
      autoEnvironments: list(values.environments),
      maxActiveRuns: values["max-active"],
      maxDispatchesPerHour: values["per-hour"],
      maxDispatchesPerDay: values["per-day"],
      maxDiffFiles: values["max-files"],
      maxDiffLines: values["max-lines"],
      requireRegressionTest: bool(values["require-test"]) as boolean | undefined,
      requireReproducingTest: bool(values["require-reproducing-test"]) as boolean | undefined,
      dispatchViaSeer: bool(values["via-seer"]) as boolean | undefined,
      autoRepairIterations: values["auto-repairs"],
    });
    if (result.status === "invalid") {
      console.error(`suture policy: ${result.error}`);
      return 1;
    }
    const { workspaceId: _, updatedAt: __, pathDenylist, ...shown } = result.policy;
    await recordAudit(
      { workspace, action: "policy.changed", targetType: "policy", targetId: workspace, data: shown },
      cliActor(),
    );
    console.log(JSON.stringify({ ...shown, pathDenylist: pathDenylist.join(" ") }, null, 2));
    return 0;
  } finally {
    await closeDb();
  }
}

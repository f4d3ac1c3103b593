import { parseArgs } from "node:util";
import { approveFixRun, rejectFixRun, requestRepair } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { cliActor } from "../cli-actor.ts";
import { UsageError } from "./send.ts";

export const FIX_USAGE = `suture fix approve <run-id>
suture fix reject <run-id> [--reason TEXT]
suture fix repair <run-id>

Approves or rejects a fix run awaiting approval, as the dashboard's buttons do, recorded as
cli:<os user>. repair asks for one more iteration on a run's open pull request whose checks
failed or whose review requested changes (the server's agent works on the same branch). Opens the database directly: on the embedded PGlite database, stop the server
first; on PostgreSQL there is no need.`;

export async function fix(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { reason: { type: "string" } },
  });
  const [verb, runId] = positionals;
  if ((verb !== "approve" && verb !== "reject" && verb !== "repair") || !runId)
    throw new UsageError("say approve, reject or repair, and a run id");
  const actor = cliActor();
  const by = actor.label;
  try {
    const result =
      verb === "approve"
        ? await approveFixRun(runId, actor)
        : verb === "repair"
          ? await requestRepair(runId, actor)
          : await rejectFixRun(runId, actor, values.reason);
    if ("error" in result) {
      console.error(`suture fix ${verb}: ${result.error}`);
      return 1;
    }
    console.log(`fix run ${runId} ${result.status} by ${by}`);
    return 0;
  } finally {
    await closeDb();
  }
}

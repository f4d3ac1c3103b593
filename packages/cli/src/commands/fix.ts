import { parseArgs } from "node:util";
import { approveFixRun, closeDb, rejectFixRun } from "@suture/core";
import { env } from "../env.ts";
import { UsageError } from "./send.ts";

export const FIX_USAGE = `suture fix approve <run-id> [--as NAME]
suture fix reject <run-id> [--as NAME] [--reason TEXT]

Approves or rejects a fix run awaiting approval, as the dashboard's buttons do. Opens the
database directly: on the embedded PGlite database, stop the server first.`;

export async function fix(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { as: { type: "string" }, reason: { type: "string" } },
  });
  const [verb, runId] = positionals;
  if ((verb !== "approve" && verb !== "reject") || !runId) throw new UsageError("say approve or reject, and a run id");
  const by = values.as ?? `cli:${env.USER ?? "unknown"}`;
  try {
    const result = verb === "approve" ? await approveFixRun(runId, by) : await rejectFixRun(runId, by, values.reason);
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

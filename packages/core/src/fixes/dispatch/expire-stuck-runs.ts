import { listRunningSince } from "@suture/db";
import { getDb } from "../../database.ts";
import { env } from "../../env.ts";
import { failFixRun } from "./fail-fix-run.ts";

/** Beyond the agent's and the tests' timeouts, for clone, push and PR. */
const MARGIN_MS = 15 * 60_000;
const SEER_LIMIT_MS = 24 * 3_600_000;

/**
 * Fails runs that have been `running` longer than a dispatch can take: their worker died (a
 * deploy, a crash) and no retry is coming. A `running` run holds its issue, so without this
 * the issue could never get another run.
 */
export async function expireStuckRuns(now = Date.now()): Promise<string[]> {
  const localLimit = (env.SUTURE_AGENT_TIMEOUT_SECONDS + env.SUTURE_TEST_TIMEOUT_SECONDS) * 1000 + MARGIN_MS;
  const runs = await listRunningSince(await getDb(), { before: new Date(now - Math.min(localLimit, SEER_LIMIT_MS)) });
  const expired: string[] = [];
  for (const run of runs) {
    const viaSeer = run.seerRunId !== null;
    const limit = viaSeer ? SEER_LIMIT_MS : localLimit;
    if (!run.startedAt || now - run.startedAt.getTime() < limit) continue;
    const minutes = Math.round(limit / 60_000);
    const reason = viaSeer
      ? `Seer did not open a pull request within ${minutes} minutes`
      : `the dispatch did not finish within ${minutes} minutes; its worker may have stopped`;
    if (await failFixRun(run.id, reason)) expired.push(run.id);
  }
  return expired;
}

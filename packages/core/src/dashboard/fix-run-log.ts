import { getWorkspaceFixRunStatus, listFixRunEventsAfter } from "@suture/db";
import type { FixRunStatus } from "@suture/db/schema";
import { z } from "zod";
import type { WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";

export interface FixRunLogLine {
  seq: number;
  text: string;
  at: string;
}

export type FixRunLog =
  | {
      status: "found";
      runStatus: FixRunStatus;
      lines: FixRunLogLine[];
      /** Pass back as `after` to get only what came later. */
      cursor: number;
    }
  | { status: "not_found" };

/** At most this many chunks per answer; the client asks again for the rest. */
const MAX_LINES = 500;

/**
 * The agent's output (`agent_output` entries) of a run of the scope's workspace written after
 * `after` (a sequence number), with the run's status so a follower knows when to stop. Another
 * workspace's run, or an id that is not one, is not found.
 */
export async function getFixRunLog(scope: WorkspaceScope, fixRunId: string, after = 0): Promise<FixRunLog> {
  if (!z.uuid().safeParse(fixRunId).success) return { status: "not_found" };
  const db = await getDb();
  const runStatus = await getWorkspaceFixRunStatus(db, { workspaceId: scope.workspaceId, fixRunId });
  if (!runStatus) return { status: "not_found" };
  const afterSeq = Number.isSafeInteger(after) && after > 0 ? after : 0;
  const events = await listFixRunEventsAfter(db, { fixRunId, kinds: ["agent_output"], afterSeq, limit: MAX_LINES });
  const lines = events.map((event) => ({ seq: event.seq, text: event.message, at: event.createdAt.toISOString() }));
  return { status: "found", runStatus, lines, cursor: lines.at(-1)?.seq ?? afterSeq };
}

import { listStaleDispatches } from "@suture/db";
import { getDb } from "../../database.ts";

export interface LostDispatch {
  id: string;
  data: { fixRunId: string; workspaceId: string; repositoryId: string | null; approvedBy: string };
}

/**
 * Approved runs whose dispatch never started, as `fix/approved` events to send again. Starting
 * is a guarded transition, so an announcement that was only late costs a no-op run. Event ids
 * change per hour: Inngest would drop a repeat of the original id as a duplicate.
 */
export async function lostDispatches(olderThanSeconds: number, resumeRunning: boolean): Promise<LostDispatch[]> {
  const before = new Date(Date.now() - olderThanSeconds * 1000);
  const runs = await listStaleDispatches(await getDb(), {
    statuses: resumeRunning ? ["approved", "running"] : ["approved"],
    before,
  });
  const hour = Math.floor(Date.now() / 3_600_000);
  return runs.map((run) => ({
    id: `fix-approved-${run.id}-sweep-${hour}`,
    data: {
      fixRunId: run.id,
      workspaceId: run.workspaceId,
      repositoryId: run.repositoryId,
      approvedBy: run.approvedBy ?? "policy",
    },
  }));
}

import { appendFixRunEvent, type FixRun, type FixRunEventData, transitionFixRun } from "@suture/db";
import { getDb } from "../../database.ts";

/**
 * Ends a run `failed` with a reason a person can act on. What the run learned (diff, summary)
 * stays on it for review. A run that already ended keeps its state.
 */
export async function failFixRun(
  fixRunId: string,
  reason: string,
  data: FixRunEventData<"failed"> = {},
): Promise<FixRun | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const failed = await transitionFixRun(tx, {
      id: fixRunId,
      from: ["approved", "running"],
      to: "failed",
      fields: {
        reason,
        finishedAt: new Date(),
      },
    });
    if (failed) await appendFixRunEvent(tx, { fixRunId, event: { kind: "failed", message: reason, data } });
    return failed;
  });
}

import { getFixRun } from "@suture/db";
import { z } from "zod";
import { getDb } from "../../database.ts";
import { failFixRun } from "./fail-fix-run.ts";

/** The reason a run whose dispatch gave up is shown with: Suture's words, whatever the error said. */
export const DISPATCH_STOPPED = "the dispatch stopped after its retries ran out";

/** How much of the final error the run's timeline keeps. */
const MAX_ERROR_CHARS = 500;

const approvedData = z.object({ fixRunId: z.string().uuid(), workspaceId: z.string().uuid() });

export interface DispatchFailure {
  /** The function the failure is about, as the executor named it. */
  functionId: unknown;
  /** The data of the `fix/approved` event that started the dispatch. */
  approved: unknown;
  /** The final error's message. */
  error: string;
}

export type DispatchStoppedResult = { status: "failed"; fixRunId: string } | { status: "ignored"; reason: string };

/**
 * A dispatch exhausted its retries: its run ends `failed` rather than holding its issue. A
 * failure notice says whatever its sender wants, so it only fails a run when it is about the
 * dispatch function (`dispatchFunctionId`), names a Suture run together with its workspace as
 * the approval did, and that run is still in a dispatch state (approved or running). The
 * reason is worded here; the error's text goes to the timeline only, shortened.
 */
export async function failStoppedDispatch(
  failure: DispatchFailure,
  dispatchFunctionId: string,
): Promise<DispatchStoppedResult> {
  if (failure.functionId !== dispatchFunctionId)
    return { status: "ignored", reason: "the failure is not about the dispatch" };
  const approved = approvedData.safeParse(failure.approved);
  if (!approved.success) return { status: "ignored", reason: "the failure does not name a fix run" };
  const { fixRunId, workspaceId } = approved.data;

  const run = await getFixRun(await getDb(), { id: fixRunId });
  if (!run || run.origin !== "suture" || run.workspaceId !== workspaceId) {
    return { status: "ignored", reason: `no such dispatch of fix run ${fixRunId}` };
  }
  if (run.status !== "approved" && run.status !== "running") {
    return { status: "ignored", reason: `the run is ${run.status.replaceAll("_", " ")}` };
  }
  const failed = await failFixRun(fixRunId, DISPATCH_STOPPED, { error: failure.error.slice(0, MAX_ERROR_CHARS) });
  return failed ? { status: "failed", fixRunId } : { status: "ignored", reason: "the run had already ended" };
}

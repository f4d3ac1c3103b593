import { z } from "zod";
import { actorOf, can, type WorkspaceScope } from "../auth/roles.ts";
import { approveFixRun, type DecisionResult, rejectFixRun } from "./decide-fix-run.ts";

export const decisionInput = z.object({
  runId: z.uuid(),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(500).optional(),
});

export type MemberDecisionResult = DecisionResult | { status: "forbidden"; error: string };

/**
 * Approve & dispatch, or reject, as a member of the run's workspace: approvers and admins only,
 * runs of this workspace only (another's is not found), recorded as the signed-in user.
 */
export async function decideFixRunAsMember(
  scope: WorkspaceScope,
  input: z.infer<typeof decisionInput>,
): Promise<MemberDecisionResult> {
  if (!can(scope.role, "decide"))
    return { status: "forbidden", error: "your role in this workspace cannot approve or reject fix runs" };
  const actor = actorOf(scope);
  return input.decision === "approve"
    ? approveFixRun(input.runId, actor, { workspaceId: scope.workspaceId })
    : rejectFixRun(input.runId, actor, input.reason || undefined, { workspaceId: scope.workspaceId });
}

import { z } from "zod";
import { actorOf, can, type WorkspaceScope } from "../../auth/roles.ts";
import { type RepairRequestResult, requestRepair } from "./request-repair.ts";

export const repairInput = z.object({ runId: z.uuid() });

export type MemberRepairResult = RepairRequestResult | { status: "forbidden"; error: string };

/** Asks for a repair of a run's open PR as a member of its workspace: approvers and admins, this workspace's runs only. */
export async function repairFixRunAsMember(
  scope: WorkspaceScope,
  input: z.infer<typeof repairInput>,
): Promise<MemberRepairResult> {
  if (!can(scope.role, "decide"))
    return { status: "forbidden", error: "your role in this workspace cannot ask for repairs" };
  return requestRepair(input.runId, actorOf(scope), { workspaceId: scope.workspaceId });
}

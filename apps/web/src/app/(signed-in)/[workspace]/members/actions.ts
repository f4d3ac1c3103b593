"use server";

import { memberInput, saveMember, type MemberChangeResult } from "@suture/core";
import { type ActionRefusal, workspaceAction } from "@/server/authorized-action";

const save = workspaceAction(memberInput, "admin", (input, scope) => saveMember(scope, input));

/** Adds a member (a new user when a first password is given) or changes a role: admins only. */
export async function saveMemberAction(input: unknown): Promise<MemberChangeResult | ActionRefusal> {
  return save(input);
}

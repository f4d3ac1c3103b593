import { countWorkspaceAdmins, findUserByEmail, listWorkspaceMembers, type MemberSummary } from "@suture/db";
import { z } from "zod";
import { actorOf, can, ROLES, type WorkspaceScope } from "../auth/roles.ts";
import { addUser, setMemberRole } from "../auth/users.ts";
import { getDb } from "../database.ts";

export type MembersResult = { status: "ok"; members: MemberSummary[] } | { status: "forbidden" };

export async function listMembers(scope: WorkspaceScope): Promise<MembersResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden" };
  return { status: "ok", members: await listWorkspaceMembers(await getDb(), { workspaceId: scope.workspaceId }) };
}

export const memberInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "enter a valid email address" })),
  role: z.enum(ROLES),
  /** Only for someone who has no user yet. */
  password: z.string().optional(),
});

export type MemberChangeResult =
  | { status: "saved"; email: string; role: string; created: boolean }
  | { status: "forbidden" | "invalid" | "last_admin"; error: string };

/** Adds a member (creating the user when a password is given) or changes a member's role. Admins only. */
export async function saveMember(
  scope: WorkspaceScope,
  input: z.infer<typeof memberInput>,
): Promise<MemberChangeResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins manage members" };
  const db = await getDb();
  const existing = await findUserByEmail(db, { email: input.email });
  if (existing) {
    const members = await listWorkspaceMembers(db, { workspaceId: scope.workspaceId });
    const current = members.find((m) => m.userId === existing.id);
    if (
      current?.role === "admin" &&
      input.role !== "admin" &&
      (await countWorkspaceAdmins(db, { workspaceId: scope.workspaceId })) <= 1
    ) {
      return { status: "last_admin", error: "a workspace keeps at least one admin" };
    }
    await setMemberRole(db, { workspaceId: scope.workspaceId, user: existing, role: input.role }, actorOf(scope));
    return { status: "saved", email: existing.email, role: input.role, created: false };
  }
  if (!input.password)
    return { status: "invalid", error: `${input.email} has no user yet: give a first password for them` };
  const result = await addUser(
    { email: input.email, password: input.password, role: input.role, workspace: scope.slug },
    actorOf(scope),
  );
  if (result.status === "invalid" || result.status === "no_workspace")
    return { status: "invalid", error: result.error };
  return { status: "saved", email: result.user.email, role: input.role, created: result.status === "created" };
}

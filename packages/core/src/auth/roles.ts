import type { Role } from "@suture/db/schema";

export type { Role };
export { ROLES } from "@suture/db/schema";

/** What a role allows: viewers read; approvers also decide fix runs; admins do everything. */
export type Permission = "read" | "decide" | "admin";

const RANK: Record<Role, number> = { viewer: 0, approver: 1, admin: 2 };
const NEEDS: Record<Permission, Role> = { read: "viewer", decide: "approver", admin: "admin" };

export function can(role: Role, permission: Permission): boolean {
  return RANK[role] >= RANK[NEEDS[permission]];
}

/** Who did something: a signed-in user (by id, shown by email), or the shell (`cli:<os user>`). */
export interface Actor {
  userId: string | null;
  label: string;
}

/** A signed-in user's view of one workspace: what every dashboard read and action is scoped to. */
export interface WorkspaceScope {
  workspaceId: string;
  slug: string;
  name: string;
  role: Role;
  user: { id: string; email: string; name: string };
}

export function actorOf(scope: WorkspaceScope): Actor {
  return { userId: scope.user.id, label: scope.user.email };
}

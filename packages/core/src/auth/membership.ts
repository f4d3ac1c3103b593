import { getMembership, listUserMemberships, type Membership } from "@suture/db";
import { getDb } from "../database.ts";
import type { SignedInUser } from "./auth.ts";
import type { WorkspaceScope } from "./roles.ts";

/** The workspaces a user may open, with their role in each. */
export async function listMyWorkspaces(user: SignedInUser): Promise<Membership[]> {
  return listUserMemberships(await getDb(), { userId: user.id });
}

/**
 * The scope every dashboard read and action of a workspace goes through; null when the user is
 * not a member — the same answer as for a workspace that does not exist.
 */
export async function loadWorkspaceScope(user: SignedInUser, slug: string): Promise<WorkspaceScope | null> {
  const membership = await getMembership(await getDb(), { userId: user.id, slug });
  if (!membership) return null;
  return {
    workspaceId: membership.workspaceId,
    slug: membership.slug,
    name: membership.name,
    role: membership.role,
    user,
  };
}

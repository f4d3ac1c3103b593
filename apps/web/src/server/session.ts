import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import {
  getSessionUser,
  listMyWorkspaces,
  loadWorkspaceScope,
  type SignedInUser,
  type WorkspaceScope,
} from "@suture/core";
import { signInUrl } from "@/lib/safe-next";

export { safeNext } from "@/lib/safe-next";

/** The signed-in user of this request (read once per request), or null. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => getSessionUser(await headers()));

/** The signed-in user; a visitor without a session is sent to sign in and brought back after. */
export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(signInUrl((await headers()).get("x-suture-path")));
  return user;
}

/** The user's workspaces, once per request. */
export const myWorkspaces = cache(async () => listMyWorkspaces(await requireUser()));

/**
 * The membership of the workspace in the URL, loaded once per request and shared by its layout,
 * pages and actions. A workspace the user is not a member of is a 404, like one that does not exist.
 */
export const requireScope = cache(async (slug: string): Promise<WorkspaceScope> => {
  const scope = await loadWorkspaceScope(await requireUser(), decodeURIComponent(slug));
  if (!scope) notFound();
  return scope;
});

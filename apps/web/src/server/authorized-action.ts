import { headers } from "next/headers";
import { z } from "zod";
import { can, getSessionUser, loadWorkspaceScope, type Permission, type WorkspaceScope } from "@suture/core";

export type ActionRefusal = { status: "invalid" | "unauthenticated" | "not_found" | "forbidden"; error: string };

/**
 * The one way a server action reaches the domain: the input parsed with zod (it names its
 * workspace), the session read, the membership of that workspace loaded and the role checked —
 * in each call, whatever the page showed — then one core function with the workspace scope.
 */
export function workspaceAction<S extends z.ZodObject, R>(
  schema: S,
  permission: Permission,
  run: (input: z.infer<S>, scope: WorkspaceScope) => Promise<R>,
): (input: unknown) => Promise<R | ActionRefusal> {
  const withWorkspace = schema.extend({ workspace: z.string().min(1).max(100) });
  return async (input) => {
    const raw = input instanceof FormData ? Object.fromEntries(input) : input;
    const parsed = withWorkspace.safeParse(raw);
    if (!parsed.success) return { status: "invalid", error: parsed.error.issues.map((i) => i.message).join("; ") };
    const user = await getSessionUser(await headers());
    if (!user) return { status: "unauthenticated", error: "your session has ended: sign in again" };
    const scope = await loadWorkspaceScope(user, parsed.data.workspace as string);
    if (!scope) return { status: "not_found", error: "not found" };
    if (!can(scope.role, permission)) {
      return { status: "forbidden", error: `your role in ${scope.name} (${scope.role}) cannot do this` };
    }
    return run(parsed.data as z.infer<S>, scope);
  };
}

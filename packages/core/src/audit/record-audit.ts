import { getWorkspaceBySlug, insertAuditEvent } from "@suture/db";
import type { Actor } from "../auth/roles.ts";
import { getDb } from "../database.ts";

export interface AuditInput {
  workspace: string;
  action:
    | "policy.changed"
    | "repository.connected"
    | "installation.mapped"
    | "deliveries.replayed"
    | "installation.credentials_set";
  targetType: string;
  targetId: string;
  data?: Record<string, unknown>;
}

/**
 * Records a change made outside the dashboard (the shell's `suture policy|repo|route`) in the
 * workspace's audit log. The change is already committed; a workspace that does not exist
 * records nothing.
 */
export async function recordAudit(input: AuditInput, actor: Actor): Promise<void> {
  const db = await getDb();
  const workspace = await getWorkspaceBySlug(db, { slug: input.workspace });
  if (!workspace) return;
  await insertAuditEvent(db, {
    workspaceId: workspace.id,
    actorUserId: actor.userId,
    actor: actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    data: input.data ?? {},
  });
}

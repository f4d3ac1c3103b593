import { type Db, insertAuditEvent } from "@suture/db";
import { actorOf, type WorkspaceScope } from "../auth/roles.ts";

/** What an admin changed from the dashboard, as the audit log records it. */
export interface AdminChange {
  action: string;
  targetType: string;
  targetId: string;
  data?: Record<string, unknown>;
}

/** Records an admin's change in the workspace's audit log; call it in the change's transaction. */
export async function auditAdminChange(db: Db, scope: WorkspaceScope, change: AdminChange): Promise<void> {
  const actor = actorOf(scope);
  await insertAuditEvent(db, {
    workspaceId: scope.workspaceId,
    actorUserId: actor.userId,
    actor: actor.label,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    data: change.data ?? {},
  });
}

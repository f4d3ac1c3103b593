import { type AuditEvent, listAuditEvents } from "@suture/db";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";

export type AuditLogResult = { status: "ok"; events: AuditEvent[] } | { status: "forbidden" };

/** Who did what in the workspace, newest first. Admins only. */
export async function getAuditLog(scope: WorkspaceScope, limit = 200): Promise<AuditLogResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden" };
  return { status: "ok", events: await listAuditEvents(await getDb(), { workspaceId: scope.workspaceId, limit }) };
}

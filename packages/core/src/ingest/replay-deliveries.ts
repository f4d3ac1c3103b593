import { getWorkspaceDelivery, listFailedDeliveryIds, requeueForReplay } from "@suture/db";
import { z } from "zod";
import { auditAdminChange } from "../audit/audit-admin-change.ts";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { announceAgain } from "./sentry/announce-again.ts";

export const replayInput = z.object({ id: z.uuid({ error: "not a delivery id" }) });
export const replayFailedInput = z.object({
  /** The count the admin confirmed; a different count now means the list changed meanwhile. */
  expected: z.coerce.number().int().min(0),
});

export type ReplayResult =
  | { status: "replayed"; count: number }
  | { status: "forbidden" | "not_found" | "not_replayable" | "changed"; error: string };

/**
 * Replays one of the workspace's settled deliveries: back to pending, announced again as the
 * sweeper does, processed like a fresh one. Idempotent: a delivery that already made an
 * observation makes no second one. Audit-logged. Admins only.
 */
export async function replayDelivery(scope: WorkspaceScope, input: z.infer<typeof replayInput>): Promise<ReplayResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins replay deliveries" };
  const db = await getDb();
  const delivery = await getWorkspaceDelivery(db, { workspaceId: scope.workspaceId, id: input.id, unrouted: false });
  if (!delivery) return { status: "not_found", error: "no such delivery in this workspace" };
  const ids = await db.transaction(async (tx) => {
    const requeued = await requeueForReplay(tx, { workspaceId: scope.workspaceId, ids: [delivery.id] });
    if (requeued.length > 0) {
      await auditAdminChange(tx, scope, {
        action: "delivery.replayed",
        targetType: "delivery",
        targetId: delivery.id,
        data: { previousStatus: delivery.status, event: `${delivery.resource}.${delivery.action}` },
      });
    }
    return requeued;
  });
  if (ids.length === 0) {
    return { status: "not_replayable", error: `a ${delivery.status} delivery cannot be replayed` };
  }
  await announceAgain(ids, "replay");
  return { status: "replayed", count: ids.length };
}

/** Replays every failed delivery of the workspace, once the admin has confirmed how many. */
export async function replayFailedDeliveries(
  scope: WorkspaceScope,
  input: z.infer<typeof replayFailedInput>,
): Promise<ReplayResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins replay deliveries" };
  const db = await getDb();
  const ids = await db.transaction(async (tx) => {
    const failed = await listFailedDeliveryIds(tx, { workspaceId: scope.workspaceId });
    if (failed.length !== input.expected) return null;
    const requeued = await requeueForReplay(tx, { workspaceId: scope.workspaceId, ids: failed });
    if (requeued.length > 0) {
      await auditAdminChange(tx, scope, {
        action: "deliveries.replayed",
        targetType: "workspace",
        targetId: scope.slug,
        data: { count: requeued.length, status: "failed" },
      });
    }
    return requeued;
  });
  if (!ids) return { status: "changed", error: "the failed deliveries changed meanwhile: look at the count again" };
  await announceAgain(ids, "replay");
  return { status: "replayed", count: ids.length };
}

import { and, desc, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { sentryInstallations, webhookDeliveries } from "../schema/index.ts";
import { type Delivery, type DeliverySummary, deliverySummaryColumns } from "./deliveries.ts";

/** What the deliveries page filters by; `unrouted` is the deliveries of no workspace yet. */
export const DELIVERY_FILTERS = ["all", "failed", "ignored", "pending", "unrouted"] as const;
export type DeliveryFilter = (typeof DELIVERY_FILTERS)[number];

/**
 * The deliveries a workspace owns: routed to it, or — not routed to any yet, but not parked as
 * unrouted (pending, failed or ignored before routing) — from an installation mapped to it.
 */
function ofWorkspace(db: Db, workspaceId: string): SQL | undefined {
  const mapped = db
    .select({ uuid: sentryInstallations.uuid })
    .from(sentryInstallations)
    .where(eq(sentryInstallations.workspaceId, workspaceId));
  return or(
    eq(webhookDeliveries.workspaceId, workspaceId),
    and(
      isNull(webhookDeliveries.workspaceId),
      ne(webhookDeliveries.status, "unrouted"),
      inArray(webhookDeliveries.installationUuid, mapped),
    ),
  );
}

/** Deliveries no workspace owns yet: parked as unrouted until their installation is mapped. */
const UNROUTED = and(isNull(webhookDeliveries.workspaceId), eq(webhookDeliveries.status, "unrouted"));

function scopeOf(db: Db, workspaceId: string, filter: DeliveryFilter): SQL | undefined {
  if (filter === "unrouted") return UNROUTED;
  const owned = ofWorkspace(db, workspaceId);
  return filter === "all" ? owned : and(owned, eq(webhookDeliveries.status, filter));
}

/**
 * One page of a workspace's deliveries (or of the unrouted ones), newest first, keyset-paginated
 * after the delivery `before` (an id): `limit + 1` rows are read so the caller knows whether an
 * older page exists.
 */
export async function listDeliveryPage(
  db: Db,
  params: { workspaceId: string; filter: DeliveryFilter; before?: string | null; limit: number },
): Promise<DeliverySummary[]> {
  // The key is (received_at, id), compared in the database at its full (microsecond) precision.
  const older = params.before
    ? sql`(${webhookDeliveries.receivedAt}, ${webhookDeliveries.id}) < (select d.received_at, d.id from webhook_deliveries d where d.id = ${params.before})`
    : undefined;
  return db
    .select(deliverySummaryColumns)
    .from(webhookDeliveries)
    .where(and(scopeOf(db, params.workspaceId, params.filter), older))
    .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
    .limit(params.limit + 1);
}

/**
 * One delivery as a workspace may see it: its own, or (when `unrouted` is allowed: admins) one
 * no workspace owns yet. Another workspace's delivery is not found.
 */
export async function getWorkspaceDelivery(
  db: Db,
  params: { workspaceId: string; id: string; unrouted: boolean },
): Promise<Delivery | undefined> {
  const visible = params.unrouted
    ? or(ofWorkspace(db, params.workspaceId), UNROUTED)
    : ofWorkspace(db, params.workspaceId);
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, params.id), visible));
  return row;
}

/** The ids of a workspace's failed deliveries (oldest first), for "replay all failed". */
export async function listFailedDeliveryIds(db: Db, { workspaceId }: { workspaceId: string }): Promise<string[]> {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(ofWorkspace(db, workspaceId), eq(webhookDeliveries.status, "failed")))
    .orderBy(webhookDeliveries.receivedAt);
  return rows.map((r) => r.id);
}

/**
 * Puts a workspace's settled deliveries (processed, failed or ignored) back to pending with their
 * attempts counted afresh, so processing takes them again; a pending or unrouted one, or another
 * workspace's, is left alone. Returns the ids requeued. Processing is idempotent: a delivery
 * that already made an observation makes no second one.
 */
export async function requeueForReplay(
  db: Db,
  { workspaceId, ids }: { workspaceId: string; ids: readonly string[] },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "pending", error: null, processedAt: null, attempts: 0 })
    .where(
      and(
        inArray(webhookDeliveries.id, [...ids]),
        inArray(webhookDeliveries.status, ["processed", "failed", "ignored"]),
        ofWorkspace(db, workspaceId),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.map((r) => r.id);
}

/** How many deliveries wait unrouted, per installation (null: none named). */
export async function countUnroutedByInstallation(db: Db): Promise<Map<string | null, number>> {
  const rows = await db
    .select({ uuid: webhookDeliveries.installationUuid, count: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(UNROUTED)
    .groupBy(webhookDeliveries.installationUuid);
  return new Map(rows.map((r) => [r.uuid, Number(r.count)]));
}

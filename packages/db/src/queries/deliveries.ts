import { and, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { type DeliveryStatus, webhookDeliveries } from "../schema/index.ts";
import { storableError, storableText } from "../storable.ts";

export type Delivery = typeof webhookDeliveries.$inferSelect;
export type NewDelivery = typeof webhookDeliveries.$inferInsert;

/** What the receiver knows about a delivery when it stores it. */
export type DeliveryInput = Pick<NewDelivery, "resource" | "action" | "dedupKey" | "headers" | "rawBody"> &
  Partial<Pick<NewDelivery, "source" | "requestId" | "installationUuid" | "status" | "error">>;

/**
 * Stores a delivery unless one with the same dedup key exists. One statement, so a crash
 * leaves either the whole row or nothing.
 *
 * The fields read out of the payload (action, installation) are made storable: a signed body
 * may spell `\u0000` in them. The raw body is stored exactly as received — it is the text of
 * bytes that decoded as UTF-8 and parsed as JSON, which rules out both a NUL (JSON has no raw
 * control characters) and a lone surrogate (UTF-8 cannot encode one), so the signature can
 * always be checked again against it.
 */
export async function insertDelivery(
  db: Db,
  values: DeliveryInput,
): Promise<{ status: "inserted"; id: string } | { status: "duplicate"; id: string; deliveryStatus: DeliveryStatus }> {
  const [row] = await preparedInsert(db).execute({
    source: "sentry",
    status: "pending",
    ...values,
    action: storableText(values.action),
    requestId: values.requestId == null ? null : storableText(values.requestId),
    installationUuid: values.installationUuid == null ? null : storableText(values.installationUuid),
    error: values.error == null ? null : storableError(values.error),
  });
  if (row) return { status: "inserted", id: row.id };
  const [existing] = await db
    .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.dedupKey, values.dedupKey));
  if (!existing) throw new Error(`delivery with dedup key ${values.dedupKey} vanished`);
  return { status: "duplicate", id: existing.id, deliveryStatus: existing.status };
}

// This INSERT runs once per webhook, before the answer. Unprepared, drizzle passes
// `prepare: false` and postgres.js sends Parse/Describe, waits for the parameter types, then
// Bind/Execute: two round trips and two parses per delivery. Prepared once per handle, it is
// one round trip — about twice the webhook throughput on two cores.
function prepareInsert(db: Db) {
  return db
    .insert(webhookDeliveries)
    .values({
      source: sql.placeholder("source"),
      resource: sql.placeholder("resource"),
      action: sql.placeholder("action"),
      requestId: sql.placeholder("requestId"),
      installationUuid: sql.placeholder("installationUuid"),
      dedupKey: sql.placeholder("dedupKey"),
      headers: sql.placeholder("headers"),
      rawBody: sql.placeholder("rawBody"),
      status: sql.placeholder("status"),
      error: sql.placeholder("error"),
    })
    .onConflictDoNothing({ target: webhookDeliveries.dedupKey })
    .returning({ id: webhookDeliveries.id })
    .prepare("suture_insert_delivery");
}

const preparedInserts = new WeakMap<Db, ReturnType<typeof prepareInsert>>();

function preparedInsert(db: Db): ReturnType<typeof prepareInsert> {
  let prepared = preparedInserts.get(db);
  if (!prepared) {
    prepared = prepareInsert(db);
    preparedInserts.set(db, prepared);
  }
  return prepared;
}

/**
 * Counts an attempt on each still-pending delivery among `ids` that has had fewer than
 * `maxAttempts`, and returns those rows (with the new count), oldest first. One statement of
 * its own, committed before any processing starts: a try that dies half-way (a crash, a
 * timeout, a database that keeps failing) is still counted. Rows another worker has locked are
 * left to it.
 */
export async function claimPendingDeliveries(
  db: Db,
  { ids, maxAttempts }: { ids: readonly string[]; maxAttempts: number },
): Promise<Delivery[]> {
  if (ids.length === 0) return [];
  const claimable = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.id, [...ids]),
        eq(webhookDeliveries.status, "pending"),
        lt(webhookDeliveries.attempts, maxAttempts),
      ),
    )
    .for("update", { skipLocked: true });
  const rows = await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(inArray(webhookDeliveries.id, claimable))
    .returning();
  return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id));
}

/**
 * Locks the still-pending deliveries among `ids` for the rest of the transaction. Rows another
 * worker holds are skipped, not waited for: that worker is processing them.
 */
export async function lockPendingDeliveries(tx: Db, { ids }: { ids: readonly string[] }): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.id, [...ids]), eq(webhookDeliveries.status, "pending")))
    .orderBy(webhookDeliveries.id)
    .for("update", { skipLocked: true });
  return rows.map((r) => r.id);
}

/** By id, in any workspace (or none yet): for the pipeline. */
export async function getDelivery(db: Db, { id }: { id: string }): Promise<Delivery | undefined> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

/** What processing concluded about deliveries: their new status, and the error or workspace it found. */
export interface DeliveryOutcome {
  status: DeliveryStatus;
  error?: string | null;
  workspaceId?: string | null;
}

export async function markDelivery(db: Db, { id, ...outcome }: { id: string } & DeliveryOutcome): Promise<void> {
  await markDeliveries(db, { ids: [id], ...outcome });
}

/** Sets one outcome on many deliveries in one statement; the error is stored short and storable. */
export async function markDeliveries(
  db: Db,
  { ids, status, error, workspaceId }: { ids: readonly string[] } & DeliveryOutcome,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set({
      status,
      error: error == null ? null : storableError(error),
      workspaceId,
      processedAt: status === "pending" ? null : sql`now()`,
    })
    .where(inArray(webhookDeliveries.id, [...ids]));
}

/**
 * Deliveries still pending after `olderThanSeconds` that have had fewer than `maxAttempts`:
 * their event was lost or their run died.
 */
export async function listStalePendingDeliveries(
  db: Db,
  { olderThanSeconds, maxAttempts, limit = 500 }: { olderThanSeconds: number; maxAttempts: number; limit?: number },
): Promise<{ id: string; source: "sentry" | "github" }[]> {
  return db
    .select({ id: webhookDeliveries.id, source: webhookDeliveries.source })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        lt(webhookDeliveries.attempts, maxAttempts),
        lt(webhookDeliveries.receivedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
      ),
    )
    .orderBy(webhookDeliveries.receivedAt)
    .limit(limit);
}

/**
 * Parks as `failed` the deliveries still pending after `olderThanSeconds` that have used up
 * their `maxAttempts`; returns their ids. Rows a worker holds right now are left to it.
 */
export async function failExhaustedDeliveries(
  db: Db,
  { olderThanSeconds, maxAttempts, error }: { olderThanSeconds: number; maxAttempts: number; error: string },
): Promise<string[]> {
  const exhausted = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        gte(webhookDeliveries.attempts, maxAttempts),
        lt(webhookDeliveries.receivedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
      ),
    )
    .for("update", { skipLocked: true });
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "failed", error: storableError(error), processedAt: sql`now()` })
    .where(inArray(webhookDeliveries.id, exhausted))
    .returning({ id: webhookDeliveries.id });
  return rows.map((r) => r.id);
}

/** Deliveries parked as unrouted, optionally for one installation: re-processed once mapped. */
export async function listUnroutedDeliveries(
  db: Db,
  { installationUuid }: { installationUuid?: string },
): Promise<string[]> {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      installationUuid
        ? and(eq(webhookDeliveries.status, "unrouted"), eq(webhookDeliveries.installationUuid, installationUuid))
        : eq(webhookDeliveries.status, "unrouted"),
    )
    .orderBy(webhookDeliveries.receivedAt);
  return rows.map((r) => r.id);
}

/** Puts unrouted (or failed) deliveries back to pending, attempts counted afresh, so processing picks them up again. */
export async function requeueDeliveries(db: Db, { ids }: { ids: string[] }): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "pending", error: null, processedAt: null, attempts: 0 })
    .where(and(inArray(webhookDeliveries.id, ids), inArray(webhookDeliveries.status, ["unrouted", "failed"])))
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}

export type DeliverySummary = Pick<
  Delivery,
  "id" | "resource" | "action" | "status" | "error" | "requestId" | "receivedAt" | "processedAt" | "installationUuid"
>;

/** The columns of a `DeliverySummary`, for every list of deliveries. */
export const deliverySummaryColumns = {
  id: webhookDeliveries.id,
  resource: webhookDeliveries.resource,
  action: webhookDeliveries.action,
  status: webhookDeliveries.status,
  error: webhookDeliveries.error,
  requestId: webhookDeliveries.requestId,
  receivedAt: webhookDeliveries.receivedAt,
  processedAt: webhookDeliveries.processedAt,
  installationUuid: webhookDeliveries.installationUuid,
};

/** A workspace's newest deliveries, for its pages. */
export async function listRecentDeliveries(
  db: Db,
  { workspaceId, limit = 50 }: { workspaceId: string; limit?: number },
): Promise<DeliverySummary[]> {
  return recentDeliveries(db, eq(webhookDeliveries.workspaceId, workspaceId), limit);
}

/**
 * The newest deliveries of every workspace, and those not routed to one yet: for the operator's
 * shell (the benchmark's diagnosis). Pages read through their workspace.
 */
export async function listRecentDeliveriesAcrossWorkspaces(
  db: Db,
  { limit = 50 }: { limit?: number },
): Promise<DeliverySummary[]> {
  return recentDeliveries(db, undefined, limit);
}

async function recentDeliveries(db: Db, where: SQL | undefined, limit: number): Promise<DeliverySummary[]> {
  return db
    .select(deliverySummaryColumns)
    .from(webhookDeliveries)
    .where(where)
    .orderBy(desc(webhookDeliveries.receivedAt))
    .limit(limit);
}

/** How many of a workspace's deliveries are in each status. */
export async function countDeliveriesByStatus(
  db: Db,
  { workspaceId }: { workspaceId: string },
): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: webhookDeliveries.status, count: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.workspaceId, workspaceId))
    .groupBy(webhookDeliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

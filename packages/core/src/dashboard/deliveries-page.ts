import {
  DELIVERY_FILTERS,
  type DeliveryFilter,
  type DeliverySummary,
  getWorkspaceDelivery,
  listDeliveryPage,
  listFailedDeliveryIds,
} from "@suture/db";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";

const PAGE_SIZE = 50;

export { DELIVERY_FILTERS, type DeliveryFilter };

export interface DeliveriesPage {
  filter: DeliveryFilter;
  /** Which filters this member may use: `unrouted` is for admins. */
  filters: DeliveryFilter[];
  deliveries: DeliverySummary[];
  /** The cursor of the next (older) page, or null on the last one. */
  next: string | null;
  /** The workspace's failed deliveries, for admins' "Replay all failed" (null for others). */
  failedCount: number | null;
  canReplay: boolean;
}

/** Reads `?status=` and `?before=` as the page gives them; anything unknown means the default. */
export function parseDeliveryQuery(query: { status?: string; before?: string }): {
  filter: DeliveryFilter;
  before: string | null;
} {
  const filter = DELIVERY_FILTERS.find((f) => f === query.status) ?? "all";
  return { filter, before: query.before && UUID.test(query.before) ? query.before : null };
}

/** A page of the workspace's deliveries (or, for admins, of those no workspace owns yet). */
export async function getDeliveriesPage(
  scope: WorkspaceScope,
  query: { filter: DeliveryFilter; before: string | null },
): Promise<DeliveriesPage> {
  const admin = can(scope.role, "admin");
  const filter = query.filter === "unrouted" && !admin ? "all" : query.filter;
  const db = await getDb();
  const rows = await listDeliveryPage(db, {
    workspaceId: scope.workspaceId,
    filter,
    before: query.before,
    limit: PAGE_SIZE,
  });
  const deliveries = rows.slice(0, PAGE_SIZE);
  const last = deliveries.at(-1);
  return {
    filter,
    filters: DELIVERY_FILTERS.filter((f) => admin || f !== "unrouted"),
    deliveries,
    next: rows.length > PAGE_SIZE && last ? last.id : null,
    failedCount: admin ? (await listFailedDeliveryIds(db, { workspaceId: scope.workspaceId })).length : null,
    canReplay: admin,
  };
}

export interface DeliveryDetail {
  id: string;
  event: string;
  status: string;
  error: string | null;
  requestId: string | null;
  installationUuid: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  attempts: number;
  headers: [string, string][];
  /** The raw body, pretty-printed when it is JSON, else as received. */
  body: string;
  bodyIsJson: boolean;
  unrouted: boolean;
  canReplay: boolean;
}

/** One delivery of the workspace (admins also see unrouted ones); null for anything else. */
export async function getDeliveryDetail(scope: WorkspaceScope, id: string): Promise<DeliveryDetail | null> {
  if (!UUID.test(id)) return null;
  const admin = can(scope.role, "admin");
  const db = await getDb();
  const row = await getWorkspaceDelivery(db, { workspaceId: scope.workspaceId, id, unrouted: admin });
  if (!row) return null;
  const pretty = prettyBody(row.rawBody);
  const unrouted = row.status === "unrouted" && row.workspaceId === null;
  return {
    id: row.id,
    event: `${row.resource}.${row.action}`,
    status: row.status,
    error: row.error,
    requestId: row.requestId,
    installationUuid: row.installationUuid,
    receivedAt: row.receivedAt,
    processedAt: row.processedAt,
    attempts: row.attempts,
    headers: Object.entries(row.headers).sort(([a], [b]) => a.localeCompare(b)),
    body: pretty.text,
    bodyIsJson: pretty.json,
    unrouted,
    canReplay: admin && !unrouted && ["processed", "failed", "ignored"].includes(row.status),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function prettyBody(raw: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(raw), null, 2), json: true };
  } catch {
    return { text: raw, json: false };
  }
}

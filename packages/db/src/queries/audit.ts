import { desc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { returnedRow } from "../returned-row.ts";
import { auditEvents } from "../schema/index.ts";

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = Omit<typeof auditEvents.$inferInsert, "id" | "createdAt">;

/** Records who did what; call it in the transaction that did it, so both happen or neither. */
export async function insertAuditEvent(db: Db, values: NewAuditEvent): Promise<AuditEvent> {
  return returnedRow(await db.insert(auditEvents).values(values).returning(), "insertAuditEvent");
}

export async function listAuditEvents(db: Db, params: { workspaceId: string; limit?: number }): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, params.workspaceId))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(params.limit ?? 200);
}

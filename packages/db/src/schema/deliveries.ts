import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

export const DELIVERY_STATUSES = ["pending", "processed", "ignored", "unrouted", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Every verified webhook delivery, stored before it is acknowledged. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    source: text({ enum: ["sentry", "github"] })
      .notNull()
      .default("sentry"),
    resource: text().notNull(),
    action: text().notNull(),
    requestId: text(),
    installationUuid: text(),
    /** Identifies the change, not the request: a redelivery with a new Request-ID shares it. */
    dedupKey: text().notNull().unique(),
    headers: jsonb().$type<Record<string, string>>().notNull(),
    rawBody: text().notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull().default("pending"),
    error: text(),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    attempts: integer().notNull().default(0),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_status_received_idx").on(t.status, t.receivedAt),
    index("webhook_deliveries_received_idx").on(t.receivedAt),
    index("webhook_deliveries_installation_idx").on(t.installationUuid),
  ],
);

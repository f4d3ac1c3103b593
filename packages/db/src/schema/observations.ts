import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { webhookDeliveries } from "./deliveries.ts";
import { workspaces } from "./workspaces.ts";

export interface ObservationReferenceRow {
  type: string;
  id: string;
  url?: string | null;
  label?: string | null;
}

/**
 * `observations.metadata`, structurally: the common fields every Sentry observation carries (older
 * rows may lack some), and the source's own extras. The per-source types are @suture/sentry's,
 * which db does not depend on; code that needs a source's extras parses them.
 */
export interface StoredObservationMetadata {
  issueId?: string | null;
  shortId?: string | null;
  projectSlug?: string | null;
  projectId?: string | null;
  platform?: string | null;
  level?: string | null;
  status?: string | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  release?: string | null;
  environment?: string | null;
  errorType?: string | null;
  errorValue?: string | null;
  culprit?: string | null;
  [extra: string]: unknown;
}

/** Sentry issues as last reported; one row per workspace and Sentry issue id. */
export const sentryIssues = pgTable(
  "sentry_issues",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    sentryIssueId: text().notNull(),
    shortId: text(),
    projectId: text(),
    projectSlug: text(),
    title: text(),
    culprit: text(),
    level: text(),
    status: text(),
    substatus: text(),
    platform: text(),
    eventCount: bigint({ mode: "number" }),
    userCount: integer(),
    firstSeen: timestamp({ withTimezone: true }),
    lastSeen: timestamp({ withTimezone: true }),
    webUrl: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sentry_issues_workspace_issue_uq").on(t.workspaceId, t.sentryIssueId)],
);

/** One row per processed delivery: what happened, in words a person reads on the dashboard. */
export const observations = pgTable(
  "observations",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    sentryIssueId: uuid().references(() => sentryIssues.id, { onDelete: "set null" }),
    source: text().notNull().default("sentry"),
    sourceType: text().notNull(),
    sourceId: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    actor: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    references: jsonb().$type<ObservationReferenceRow[]>().notNull().default([]),
    metadata: jsonb().$type<StoredObservationMetadata>().notNull().default({}),
    release: text(),
    environment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("observations_delivery_uq").on(t.deliveryId),
    index("observations_workspace_created_idx").on(t.workspaceId, t.createdAt),
    index("observations_workspace_release_idx").on(t.workspaceId, t.release),
    index("observations_issue_idx").on(t.sentryIssueId),
  ],
);

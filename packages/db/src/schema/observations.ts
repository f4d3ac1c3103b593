import { sql } from "drizzle-orm";
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
  (t) => [
    uniqueIndex("sentry_issues_workspace_issue_uq").on(t.workspaceId, t.sentryIssueId),
    // The issues page's keyset orders (listIssues): each sort key exactly as the query writes it.
    index("sentry_issues_workspace_last_seen_idx").on(
      t.workspaceId,
      sql`coalesce(${t.lastSeen}, '-infinity'::timestamptz)`,
      t.id,
    ),
    index("sentry_issues_workspace_first_seen_idx").on(
      t.workspaceId,
      sql`coalesce(${t.firstSeen}, '-infinity'::timestamptz)`,
      t.id,
    ),
    index("sentry_issues_workspace_events_idx").on(t.workspaceId, sql`coalesce(${t.eventCount}, 0)`, t.id),
    index("sentry_issues_workspace_users_idx").on(t.workspaceId, sql`coalesce(${t.userCount}, 0)`, t.id),
    index("sentry_issues_workspace_project_idx").on(t.workspaceId, t.projectSlug),
    // The issues page's search: trigrams of the text it searches (issueSearchText in the queries).
    index("sentry_issues_search_trgm_idx").using(
      "gin",
      sql`(coalesce(${t.title}, '') || ' ' || coalesce(${t.culprit}, '') || ' ' || coalesce(${t.shortId}, '')) gin_trgm_ops`,
    ),
  ],
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
    // An issue's timeline, latest event, release and sparkline: newest first by (occurred_at, id).
    index("observations_issue_occurred_idx").on(t.sentryIssueId, t.occurredAt, t.id),
    index("observations_workspace_environment_idx").on(t.workspaceId, t.environment),
  ],
);

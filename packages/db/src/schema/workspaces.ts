import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const workspaces = pgTable("workspaces", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One Sentry organization's install of the integration; routes its deliveries to a workspace. */
export const sentryInstallations = pgTable("sentry_installations", {
  uuid: text().primaryKey(),
  orgSlug: text(),
  appSlug: text(),
  workspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
  /** True when the embedded default (or SUTURE_AUTO_ROUTE) chose the workspace, not a person. */
  autoRouted: boolean().notNull().default(false),
  /** Per-installation client secret for multi-org installs; the env secrets are tried too. */
  clientSecret: text(),
  /** The installation's own Sentry API token, encrypted (`v1:` AES-256-GCM); null uses SENTRY_AUTH_TOKEN. */
  authToken: text(),
  status: text({ enum: ["active", "deleted"] })
    .notNull()
    .default("active"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A per-project override: deliveries about this Sentry project go to this workspace. */
export const sentryProjects = pgTable(
  "sentry_projects",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null matches the project in any installation. */
    installationUuid: text().references(() => sentryInstallations.uuid, { onDelete: "cascade" }),
    projectSlug: text(),
    projectId: text(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sentry_projects_slug_idx").on(t.projectSlug),
    index("sentry_projects_project_id_idx").on(t.projectId),
    uniqueIndex("sentry_projects_install_slug_uq").on(t.installationUuid, t.projectSlug),
  ],
);

/** How far the recovery sync has read an organization's issues, and how its last run went. */
export const sentrySyncs = pgTable("sentry_syncs", {
  orgSlug: text().primaryKey(),
  /** Issues seen up to this time have been read; the next run asks for those seen since. */
  syncedUntil: timestamp({ withTimezone: true }),
  lastRunAt: timestamp({ withTimezone: true }),
  lastError: text(),
  recovered: integer().notNull().default(0),
});

import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { observations } from "./observations.ts";
import { workspaces } from "./workspaces.ts";

/** A release shipped to an environment. HTTP sources (CI, GitHub) arrive in a later change. */
export const deployments = pgTable(
  "deployments",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    release: text().notNull(),
    environment: text(),
    commitSha: text(),
    url: text(),
    name: text(),
    source: text().notNull().default("manual"),
    deployedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deployments_workspace_release_idx").on(t.workspaceId, t.release)],
);

/** Which deployment shipped the release an observation was seen in. */
export const releaseLinks = pgTable(
  "release_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    observationId: uuid()
      .notNull()
      .references(() => observations.id, { onDelete: "cascade" }),
    deploymentId: uuid()
      .notNull()
      .references(() => deployments.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("release_links_observation_deployment_uq").on(t.observationId, t.deploymentId)],
);

import {
  type AnyPgColumn,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { observations } from "./observations.ts";
import { workspaces } from "./workspaces.ts";

export const DEPLOYMENT_SOURCES = ["api", "cli", "github", "sentry", "manual"] as const;
export const DEPLOYMENT_STATUSES = ["success", "failure", "in_progress"] as const;

/** A commit between the previous successful deployment of an environment and this one. */
export interface DeploymentCommit {
  sha: string;
  message: string;
  author: string | null;
  url: string | null;
  files: string[];
}

/**
 * A release shipped to an environment: posted by CI (`POST /api/deployments`, `pnpm suture
 * deploy`), a GitHub `deployment_status`, or read from Sentry's releases API. One row per
 * (workspace, environment, release, commit); a repeat is the same deployment.
 */
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
    /** `owner/name` of the GitHub repository deployed, when known. */
    repository: text(),
    url: text(),
    name: text(),
    source: text().notNull().default("manual"),
    status: text({ enum: DEPLOYMENT_STATUSES }).notNull().default("success"),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** When it went live: finishedAt, else startedAt, else when Suture heard of it. */
    deployedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The previous successful deployment of the same environment: the start of the suspect range. */
    previousDeploymentId: uuid().references((): AnyPgColumn => deployments.id, { onDelete: "set null" }),
    compareUrl: text(),
    /** The commits of the suspect range with their changed files; null until read from GitHub. */
    commits: jsonb().$type<DeploymentCommit[]>(),
    /** Why the commits could not be read (no repository, no GitHub access, a gap too large). */
    commitsError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("deployments_workspace_release_idx").on(t.workspaceId, t.release),
    index("deployments_workspace_environment_idx").on(t.workspaceId, t.environment, t.deployedAt),
    unique("deployments_identity_uq").on(t.workspaceId, t.environment, t.release, t.commitSha).nullsNotDistinct(),
  ],
);

/** A workspace's deploy token: shown once, stored as its SHA-256. */
export const deployTokens = pgTable(
  "deploy_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The first characters, so a person can tell tokens apart. */
    prefix: text().notNull(),
    tokenHash: text().notNull().unique(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("deploy_tokens_workspace_idx").on(t.workspaceId)],
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

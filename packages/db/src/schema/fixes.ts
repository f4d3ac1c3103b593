import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { observations, sentryIssues } from "./observations.ts";
import { workspaces } from "./workspaces.ts";

export interface CodeMapping {
  /** Path prefix as it appears in stack frames, e.g. `/app/` or `webpack:///./`. */
  stackRoot: string;
  /** The same place in the repository, e.g. `src/`. */
  sourceRoot: string;
}

/** A GitHub repository a workspace's errors can be fixed in. */
export const repositories = pgTable(
  "repositories",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    owner: text().notNull(),
    name: text().notNull(),
    defaultBranch: text().notNull().default("main"),
    cloneUrl: text().notNull(),
    codeMappings: jsonb().$type<CodeMapping[]>().notNull().default([]),
    testCommand: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("repositories_workspace_repo_uq").on(t.workspaceId, t.owner, t.name)],
);

export const DEFAULT_PATH_DENYLIST = [
  ".github/",
  ".gitlab-ci.yml",
  ".circleci/",
  "Jenkinsfile",
  "pnpm-lock.yaml",
  "package-lock.json",
  "yarn.lock",
  "Cargo.lock",
  "poetry.lock",
  "Gemfile.lock",
  "go.sum",
  ".env",
  "*.pem",
  "*.key",
  "*secret*",
  "*credential*",
];

/** How a workspace lets fixes start: by a person (manual) or by policy (auto), within budgets. */
export const workspacePolicies = pgTable("workspace_policies", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  mode: text({ enum: ["manual", "auto"] })
    .notNull()
    .default("manual"),
  autoLevels: text()
    .array()
    .notNull()
    .default(sql`ARRAY['error','fatal']::text[]`),
  autoMinEvents: integer().notNull().default(1),
  autoMinUsers: integer().notNull().default(0),
  /** Empty = any environment. */
  autoEnvironments: text()
    .array()
    .notNull()
    .default(sql`ARRAY[]::text[]`),
  maxActiveRuns: integer().notNull().default(3),
  maxDispatchesPerHour: integer().notNull().default(10),
  maxDispatchesPerDay: integer().notNull().default(50),
  maxDiffFiles: integer().notNull().default(10),
  maxDiffLines: integer().notNull().default(400),
  pathDenylist: text()
    .array()
    .notNull()
    .default(sql`ARRAY[${sql.raw(DEFAULT_PATH_DENYLIST.map((p) => `'${p}'`).join(","))}]::text[]`),
  requireRegressionTest: boolean().notNull().default(true),
  /** The agent's test must fail on the base commit (reproduce the bug); off: a test that passes there is only noted. */
  requireReproducingTest: boolean().notNull().default(true),
  dispatchViaSeer: boolean().notNull().default(false),
  /** Repairs a failing check or a change request may start on its own per run; 0 = only a person starts one. */
  autoRepairIterations: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const FIX_RUN_STATUSES = [
  "awaiting_approval",
  "approved",
  "running",
  "pr_open",
  "merged",
  "closed",
  "failed",
  "rejected",
  "superseded",
  "root_cause",
  "solution",
  "coding",
] as const;
export type FixRunStatus = (typeof FIX_RUN_STATUSES)[number];

export const PR_STATES = ["draft", "open", "closed", "merged"] as const;
export type PrState = (typeof PR_STATES)[number];
export const REVIEW_STATES = ["approved", "changes_requested", "commented", "dismissed"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const CHECKS_STATES = ["pending", "success", "failure"] as const;
export type ChecksState = (typeof CHECKS_STATES)[number];

/** Statuses in which a run holds its issue: a second one may not start. */
export const ACTIVE_FIX_RUN_STATUSES = ["awaiting_approval", "approved", "running", "pr_open"] as const;

export const fixRuns = pgTable(
  "fix_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    sentryIssueId: uuid()
      .notNull()
      .references(() => sentryIssues.id, { onDelete: "cascade" }),
    repositoryId: uuid().references(() => repositories.id, { onDelete: "set null" }),
    origin: text({ enum: ["suture", "seer"] })
      .notNull()
      .default("suture"),
    status: text({ enum: FIX_RUN_STATUSES }).notNull(),
    /** The observation that made triage open the run. */
    triggerObservationId: uuid().references(() => observations.id, { onDelete: "set null" }),
    seerRunId: text(),
    /** Who approved: the user's email, `cli:<os user>`, or `policy`. */
    approvedBy: text(),
    approvedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp({ withTimezone: true }),
    rejectedBy: text(),
    rejectedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    rejectedAt: timestamp({ withTimezone: true }),
    /** Why the run ended as it did, in plain words. */
    reason: text(),
    /** What the checkout was taken at: the release's commit, else the default branch. */
    baseRef: text(),
    baseSha: text(),
    branch: text(),
    headSha: text(),
    /** The agent's change as a unified diff, kept for review whether or not it passed the checks. */
    diff: text(),
    /** The root cause in a few sentences: the agent's summary, or Seer's. */
    summary: text(),
    prNumber: integer(),
    prUrl: text(),
    prState: text({ enum: PR_STATES }),
    reviewState: text({ enum: REVIEW_STATES }),
    checksState: text({ enum: CHECKS_STATES }),
    /** Seer's steps as reported: root cause, solution, changes, pull requests. */
    seerDetails: jsonb().$type<Record<string, unknown>>(),
    /** Repairs started on the run's pull request (failing checks, requested changes). */
    iterations: integer().notNull().default(0),
    /** The PR head the latest repair started from: an automatic repair is not tried twice on one commit. */
    repairHeadSha: text(),
    /** Set while a repair works on the branch: a second one cannot start. */
    repairStartedAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The invariant triage relies on, in both runtime modes: one active run per issue.
    uniqueIndex("fix_runs_one_active_per_issue_uq")
      .on(t.sentryIssueId)
      .where(sql`${t.origin} = 'suture' and ${t.status} in ('awaiting_approval', 'approved', 'running', 'pr_open')`),
    uniqueIndex("fix_runs_seer_run_uq").on(t.workspaceId, t.seerRunId),
    index("fix_runs_workspace_status_idx").on(t.workspaceId, t.status),
    // The runs page and the overview: a workspace's runs, most recently updated first (keyset).
    index("fix_runs_workspace_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
    index("fix_runs_issue_idx").on(t.sentryIssueId, t.createdAt),
    index("fix_runs_repository_pr_idx").on(t.repositoryId, t.prNumber),
  ],
);

/** The ordered timeline of a run: stages, decisions, the agent's log. */
export const fixRunEvents = pgTable(
  "fix_run_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    fixRunId: uuid()
      .notNull()
      .references(() => fixRuns.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    kind: text().notNull(),
    message: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("fix_run_events_run_seq_uq").on(t.fixRunId, t.seq)],
);

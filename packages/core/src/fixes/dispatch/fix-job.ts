import type {
  Deployment,
  FixRun,
  FixRunEventInput,
  getRepository,
  getSentryIssue,
  getWorkspacePolicy,
} from "@suture/db";
import type { cloneRepository, snapshotChanges } from "@suture/fixer";
import type { getDb } from "../../database.ts";
import type { AgentSettings } from "./agent-settings.ts";
import type { gatherFixContext } from "./gather-fix-context.ts";
import type { gitToken } from "./git-token.ts";

// The shapes the stages of one fix run (prepare-fix.ts, verify-fix.ts) pass between them.

export type Db = Awaited<ReturnType<typeof getDb>>;
export type Checkout = Exclude<Awaited<ReturnType<typeof cloneRepository>>, { status: "failed" }>;
export type Snapshot = Awaited<ReturnType<typeof snapshotChanges>>;

/** What every stage of one run works from: the run, what it is about, and the rules it is held to. */
export interface FixJob {
  db: Db;
  fixRunId: string;
  run: FixRun;
  issue: NonNullable<Awaited<ReturnType<typeof getSentryIssue>>>;
  repository: NonNullable<Awaited<ReturnType<typeof getRepository>>>;
  policy: Awaited<ReturnType<typeof getWorkspacePolicy>>;
  fix: Awaited<ReturnType<typeof gatherFixContext>>;
  /** The deployment that introduced the error's release to its environment, when one was recorded. */
  deployment: Deployment | undefined;
  agent: AgentSettings;
  token: Awaited<ReturnType<typeof gitToken>>;
  note(event: FixRunEventInput): Promise<unknown>;
}

/** Where the fix goes: its branch, and the commit trailer that marks it as this run's. */
export interface Target {
  branch: string;
  marker: string;
}

import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { type FixRunEvent, type FixRunEventInput, fixRunEventData, parseFixRunEvent } from "../fix-run-events.ts";
import { returnedRow } from "../returned-row.ts";
import { type FixRunStatus, fixRunEvents, fixRuns, repositories, workspacePolicies } from "../schema/index.ts";

export type Repository = typeof repositories.$inferSelect;
export type NewRepository = typeof repositories.$inferInsert;
export type WorkspacePolicy = typeof workspacePolicies.$inferSelect;
export type FixRun = typeof fixRuns.$inferSelect;
export type NewFixRun = typeof fixRuns.$inferInsert;
/** The columns a stage may set on a run besides its status. */
export type FixRunFields = Partial<Omit<FixRun, "id" | "status" | "createdAt">>;

export async function insertRepository(db: Db, values: NewRepository): Promise<Repository> {
  const [row] = await db
    .insert(repositories)
    .values(values)
    .onConflictDoUpdate({
      target: [repositories.workspaceId, repositories.owner, repositories.name],
      set: {
        cloneUrl: values.cloneUrl,
        defaultBranch: values.defaultBranch ?? "main",
        codeMappings: values.codeMappings ?? [],
        testCommand: values.testCommand ?? null,
      },
    })
    .returning();
  if (!row) throw new Error(`repository ${values.owner}/${values.name} was not stored`);
  return row;
}

export async function findWorkspaceRepository(
  db: Db,
  { workspaceId }: { workspaceId: string },
): Promise<Repository | undefined> {
  const [row] = await db
    .select()
    .from(repositories)
    .where(eq(repositories.workspaceId, workspaceId))
    .orderBy(asc(repositories.createdAt))
    .limit(1);
  return row;
}

/** The workspace's policy; the defaults (manual, conservative budgets) until someone changes them. */
export async function getWorkspacePolicy(db: Db, { workspaceId }: { workspaceId: string }): Promise<WorkspacePolicy> {
  const [row] = await db.select().from(workspacePolicies).where(eq(workspacePolicies.workspaceId, workspaceId));
  if (row) return row;
  const [created] = await db.insert(workspacePolicies).values({ workspaceId }).onConflictDoNothing().returning();
  return created ?? (await getWorkspacePolicy(db, { workspaceId }));
}

export async function updateWorkspacePolicy(
  db: Db,
  { workspaceId, values }: { workspaceId: string; values: Partial<Omit<WorkspacePolicy, "workspaceId" | "updatedAt">> },
): Promise<WorkspacePolicy> {
  await getWorkspacePolicy(db, { workspaceId });
  const rows = await db
    .update(workspacePolicies)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(workspacePolicies.workspaceId, workspaceId))
    .returning();
  return returnedRow(rows, "updating a workspace policy");
}

/** Serializes budget decisions per workspace for the rest of the transaction. */
export async function lockWorkspaceBudget(tx: Db, { workspaceId }: { workspaceId: string }): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`fix-budget:${workspaceId}`}))`);
}

/**
 * Opens a run unless the issue already has an active one: the partial unique index decides,
 * so two workers racing on the same issue cannot both succeed.
 */
export async function openFixRun(db: Db, values: NewFixRun): Promise<FixRun | undefined> {
  const [row] = await db.insert(fixRuns).values(values).onConflictDoNothing().returning();
  return row;
}

/** By id, in any workspace: for the pipeline, which holds the id of a run it made. A page reads runs through its workspace. */
export async function getFixRun(db: Db, { id }: { id: string }): Promise<FixRun | undefined> {
  const [row] = await db.select().from(fixRuns).where(eq(fixRuns.id, id));
  return row;
}

/** For triage, set-wise: each issue's latest Suture run, by issue id (issues without one are absent). */
export async function latestFixRunsForIssues(
  db: Db,
  { sentryIssueIds }: { sentryIssueIds: readonly string[] },
): Promise<Map<string, FixRun>> {
  if (sentryIssueIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([fixRuns.sentryIssueId])
    .from(fixRuns)
    .where(and(inArray(fixRuns.sentryIssueId, [...sentryIssueIds]), eq(fixRuns.origin, "suture")))
    .orderBy(fixRuns.sentryIssueId, desc(fixRuns.createdAt));
  return new Map(rows.map((row) => [row.sentryIssueId, row]));
}

/** For triage, set-wise: each workspace's connected repository (the first connected), by workspace id. */
export async function findWorkspaceRepositories(
  db: Db,
  { workspaceIds }: { workspaceIds: readonly string[] },
): Promise<Map<string, Repository>> {
  if (workspaceIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([repositories.workspaceId])
    .from(repositories)
    .where(inArray(repositories.workspaceId, [...workspaceIds]))
    .orderBy(repositories.workspaceId, asc(repositories.createdAt));
  return new Map(rows.map((row) => [row.workspaceId, row]));
}

export async function countFixRuns(
  db: Db,
  {
    workspaceId,
    statuses,
    approvedSince,
  }: { workspaceId: string; statuses?: readonly FixRunStatus[]; approvedSince?: Date },
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(fixRuns)
    .where(
      and(
        eq(fixRuns.workspaceId, workspaceId),
        eq(fixRuns.origin, "suture"),
        statuses ? inArray(fixRuns.status, [...statuses]) : undefined,
        approvedSince ? gte(fixRuns.approvedAt, approvedSince) : undefined,
      ),
    );
  return Number(row?.count ?? 0);
}

/**
 * A guarded state change: it happens only if the run is still in one of `from`, so two clicks
 * or two workers cannot both win. Returns the updated run, or undefined if it lost.
 */
export async function transitionFixRun(
  db: Db,
  { id, from, to, fields = {} }: { id: string; from: readonly FixRunStatus[]; to: FixRunStatus; fields?: FixRunFields },
): Promise<FixRun | undefined> {
  const [row] = await db
    .update(fixRuns)
    .set({ ...fields, status: to, updatedAt: new Date() })
    .where(and(eq(fixRuns.id, id), inArray(fixRuns.status, [...from])))
    .returning();
  return row;
}

/** A repair claimed longer ago than this is taken for dead (its process crashed): a new one may start. */
export const REPAIR_CLAIM_STALE_MS = 2 * 60 * 60 * 1000;

/**
 * Claims a repair of a run's open PR at `headSha`: one repair at a time, only on the head the
 * run knows (not a stale one). `automatic` also holds it to `maxIterations` and to one try per
 * commit. Returns the run with its iteration counted, or undefined if the claim lost.
 */
export async function claimFixRunRepair(
  db: Db,
  { id, headSha, automatic }: { id: string; headSha: string; automatic?: { maxIterations: number } },
): Promise<FixRun | undefined> {
  const [row] = await db
    .update(fixRuns)
    .set({ iterations: sql`${fixRuns.iterations} + 1`, repairHeadSha: headSha, repairStartedAt: new Date() })
    .where(
      and(
        eq(fixRuns.id, id),
        eq(fixRuns.origin, "suture"),
        eq(fixRuns.status, "pr_open"),
        eq(fixRuns.headSha, headSha),
        or(isNull(fixRuns.repairStartedAt), lt(fixRuns.repairStartedAt, new Date(Date.now() - REPAIR_CLAIM_STALE_MS))),
        automatic
          ? and(
              lt(fixRuns.iterations, automatic.maxIterations),
              sql`${fixRuns.repairHeadSha} is distinct from ${headSha}`,
            )
          : undefined,
      ),
    )
    .returning();
  return row;
}

/** Ends the run's repair in progress (pushed or not); `fields` records what it pushed. */
export async function releaseFixRunRepair(
  db: Db,
  { id, iteration, fields = {} }: { id: string; iteration: number; fields?: FixRunFields },
): Promise<FixRun | undefined> {
  const [row] = await db
    .update(fixRuns)
    .set({ ...fields, repairStartedAt: null, updatedAt: new Date() })
    .where(and(eq(fixRuns.id, id), eq(fixRuns.iterations, iteration), isNotNull(fixRuns.repairStartedAt)))
    .returning();
  return row;
}

/** Records what a stage learned (branch, diff, PR, ...) without changing the status. */
export async function updateFixRun(
  db: Db,
  { id, fields }: { id: string; fields: FixRunFields },
): Promise<FixRun | undefined> {
  const [row] = await db
    .update(fixRuns)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(fixRuns.id, id))
    .returning();
  return row;
}

/**
 * Appends to a run's timeline; the sequence number is taken under the run's row lock. Only an
 * entry of a known kind, with that kind's data, is written.
 */
export async function appendFixRunEvent(
  tx: Db,
  { fixRunId, event }: { fixRunId: string; event: FixRunEventInput },
): Promise<FixRunEvent> {
  const data = fixRunEventData(event);
  await tx.select({ id: fixRuns.id }).from(fixRuns).where(eq(fixRuns.id, fixRunId)).for("update");
  const rows = await tx
    .insert(fixRunEvents)
    .values({
      fixRunId,
      kind: event.kind,
      message: event.message,
      data,
      seq: sql`(select coalesce(max(${fixRunEvents.seq}), 0) + 1 from ${fixRunEvents} where ${fixRunEvents.fixRunId} = ${fixRunId})`,
    })
    .returning();
  return parseFixRunEvent(returnedRow(rows, "appending a fix run event"));
}

/** A run's timeline in order, each entry's data parsed by its kind. */
export async function listFixRunEvents(db: Db, { fixRunId }: { fixRunId: string }): Promise<FixRunEvent[]> {
  const rows = await db
    .select()
    .from(fixRunEvents)
    .where(eq(fixRunEvents.fixRunId, fixRunId))
    .orderBy(asc(fixRunEvents.seq));
  return rows.map(parseFixRunEvent);
}

/** A workspace's runs, newest first. */
export async function listFixRuns(
  db: Db,
  { workspaceId, limit = 50 }: { workspaceId: string; limit?: number },
): Promise<FixRun[]> {
  return db
    .select()
    .from(fixRuns)
    .where(eq(fixRuns.workspaceId, workspaceId))
    .orderBy(desc(fixRuns.createdAt))
    .limit(limit);
}

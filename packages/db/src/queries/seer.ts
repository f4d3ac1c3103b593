import { and, asc, eq, max, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { fixRunEvents, fixRuns, sentryInstallations } from "../schema/index.ts";
import type { FixRun, NewFixRun } from "./fixes.ts";
import type { SentryInstallation } from "./workspaces.ts";

/**
 * The run a Seer run id maps to in a workspace, created (with `values`) if new, and locked for
 * the rest of the transaction: two batches carrying steps of the same Seer run take turns.
 */
export async function lockSeerRun(
  tx: Db,
  values: Pick<NewFixRun, "workspaceId" | "sentryIssueId" | "status"> & { seerRunId: string },
): Promise<{ run: FixRun; created: boolean }> {
  const [inserted] = await tx
    .insert(fixRuns)
    .values({ ...values, origin: "seer", startedAt: new Date() })
    .onConflictDoNothing({ target: [fixRuns.workspaceId, fixRuns.seerRunId] })
    .returning({ id: fixRuns.id });
  const [run] = await tx
    .select()
    .from(fixRuns)
    .where(and(eq(fixRuns.workspaceId, values.workspaceId), eq(fixRuns.seerRunId, values.seerRunId)))
    .for("update");
  if (!run) throw new Error(`Seer run ${values.seerRunId} was neither created nor found`);
  return { run, created: Boolean(inserted) };
}

export async function findSeerRun(
  db: Db,
  { workspaceId, seerRunId }: { workspaceId: string; seerRunId: string },
): Promise<FixRun | undefined> {
  const [row] = await db
    .select()
    .from(fixRuns)
    .where(and(eq(fixRuns.workspaceId, workspaceId), eq(fixRuns.seerRunId, seerRunId)));
  return row;
}

/** Whether the run's timeline already holds the step with this observation source id. */
export async function hasSeerStep(
  db: Db,
  { fixRunId, sourceId }: { fixRunId: string; sourceId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: fixRunEvents.id })
    .from(fixRunEvents)
    .where(and(eq(fixRunEvents.fixRunId, fixRunId), sql`${fixRunEvents.data} ->> 'sourceId' = ${sourceId}`))
    .limit(1);
  return Boolean(row);
}

/**
 * Folds a run Seer's webhooks created on their own into `intoRunId` (when the webhook beat the
 * start request's answer): its timeline moves over after the target's, then it is deleted.
 */
export async function adoptSeerRun(
  tx: Db,
  { fromRunId, intoRunId }: { fromRunId: string; intoRunId: string },
): Promise<void> {
  const [last] = await tx
    .select({ seq: max(fixRunEvents.seq) })
    .from(fixRunEvents)
    .where(eq(fixRunEvents.fixRunId, intoRunId));
  await tx
    .update(fixRunEvents)
    .set({ fixRunId: intoRunId, seq: sql`${fixRunEvents.seq} + ${last?.seq ?? 0}` })
    .where(eq(fixRunEvents.fixRunId, fromRunId));
  await tx.delete(fixRuns).where(eq(fixRuns.id, fromRunId));
}

/** The workspace's active Sentry installation (the oldest if several orgs route to it). */
export async function workspaceInstallation(
  db: Db,
  { workspaceId }: { workspaceId: string },
): Promise<SentryInstallation | undefined> {
  const [row] = await db
    .select()
    .from(sentryInstallations)
    .where(and(eq(sentryInstallations.workspaceId, workspaceId), eq(sentryInstallations.status, "active")))
    .orderBy(asc(sentryInstallations.createdAt))
    .limit(1);
  return row;
}

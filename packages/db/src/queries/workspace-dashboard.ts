import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { fixRuns, observations, repositories, sentryIssues, webhookDeliveries, workspaces } from "../schema/index.ts";
import type { DeliverySummary } from "./deliveries.ts";
import type { FixRunSummary } from "./dispatch.ts";
import type { FixRun, Repository } from "./fixes.ts";
import type { ObservationSummary, SentryIssue } from "./observations.ts";

// The dashboard's reads, each scoped to one workspace: a row of another workspace is never
// returned, whatever id is asked for.

interface Scope {
  workspaceId: string;
  limit?: number;
}

export async function listWorkspaceObservations(db: Db, params: Scope): Promise<ObservationSummary[]> {
  return db
    .select({
      id: observations.id,
      sourceType: observations.sourceType,
      title: observations.title,
      occurredAt: observations.occurredAt,
      createdAt: observations.createdAt,
      release: observations.release,
      environment: observations.environment,
      metadata: observations.metadata,
      workspaceSlug: workspaces.slug,
    })
    .from(observations)
    .innerJoin(workspaces, eq(workspaces.id, observations.workspaceId))
    .where(eq(observations.workspaceId, params.workspaceId))
    .orderBy(desc(observations.createdAt))
    .limit(params.limit ?? 50);
}

export async function countWorkspaceObservations(db: Db, params: Scope): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(observations)
    .where(eq(observations.workspaceId, params.workspaceId));
  return Number(row?.count ?? 0);
}

export async function listWorkspaceDeliveries(db: Db, params: Scope): Promise<DeliverySummary[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      resource: webhookDeliveries.resource,
      action: webhookDeliveries.action,
      status: webhookDeliveries.status,
      error: webhookDeliveries.error,
      requestId: webhookDeliveries.requestId,
      receivedAt: webhookDeliveries.receivedAt,
      processedAt: webhookDeliveries.processedAt,
      installationUuid: webhookDeliveries.installationUuid,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.workspaceId, params.workspaceId))
    .orderBy(desc(webhookDeliveries.receivedAt))
    .limit(params.limit ?? 50);
}

export async function countWorkspaceDeliveriesByStatus(db: Db, params: Scope): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: webhookDeliveries.status, count: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.workspaceId, params.workspaceId))
    .groupBy(webhookDeliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

export async function listWorkspaceFixRuns(db: Db, params: Scope): Promise<FixRunSummary[]> {
  return db
    .select({
      id: fixRuns.id,
      status: fixRuns.status,
      origin: fixRuns.origin,
      reason: fixRuns.reason,
      branch: fixRuns.branch,
      prNumber: fixRuns.prNumber,
      prUrl: fixRuns.prUrl,
      prState: fixRuns.prState,
      checksState: fixRuns.checksState,
      reviewState: fixRuns.reviewState,
      updatedAt: fixRuns.updatedAt,
      shortId: sentryIssues.shortId,
      title: sentryIssues.title,
      workspaceSlug: workspaces.slug,
    })
    .from(fixRuns)
    .innerJoin(sentryIssues, eq(sentryIssues.id, fixRuns.sentryIssueId))
    .innerJoin(workspaces, eq(workspaces.id, fixRuns.workspaceId))
    .where(eq(fixRuns.workspaceId, params.workspaceId))
    .orderBy(desc(fixRuns.updatedAt))
    .limit(params.limit ?? 20);
}

/** A run with its issue and repository, only if it belongs to the workspace. */
export async function getWorkspaceFixRun(
  db: Db,
  params: { workspaceId: string; fixRunId: string },
): Promise<{ run: FixRun; issue: SentryIssue; repository: Repository | null } | undefined> {
  const [row] = await db
    .select({ run: fixRuns, issue: sentryIssues, repository: repositories })
    .from(fixRuns)
    .innerJoin(sentryIssues, eq(sentryIssues.id, fixRuns.sentryIssueId))
    .leftJoin(repositories, eq(repositories.id, fixRuns.repositoryId))
    .where(and(eq(fixRuns.id, params.fixRunId), eq(fixRuns.workspaceId, params.workspaceId)));
  return row;
}

import { and, desc, eq, gt, ilike, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../client.ts";
import {
  type FixRunStatus,
  deployments,
  fixRunEvents,
  fixRuns,
  observations,
  repositories,
  sentryIssues,
  webhookDeliveries,
  workspaces,
} from "../schema/index.ts";
import { type FixRunEventKind, type FixRunEventOf, parseFixRunEventOf } from "../fix-run-events.ts";
import type { FixRun, Repository } from "./fixes.ts";
import type { SentryIssue } from "./observations.ts";

/** Observations whose delivery carries a whole event (stack trace, breadcrumbs, tags). */
const EVENT_SOURCE_TYPES = ["error.created", "event_alert.triggered"];

/** The newest stored event of an issue, as Sentry delivered it; undefined if none arrived. */
export async function latestStoredEvent(
  db: Db,
  { sentryIssueId }: { sentryIssueId: string },
): Promise<{ resource: string; rawBody: string; release: string | null } | undefined> {
  const [row] = await db
    .select({ resource: webhookDeliveries.resource, rawBody: webhookDeliveries.rawBody, release: observations.release })
    .from(observations)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, observations.deliveryId))
    .where(and(eq(observations.sentryIssueId, sentryIssueId), inArray(observations.sourceType, EVENT_SOURCE_TYPES)))
    .orderBy(desc(observations.occurredAt))
    .limit(1);
  return row;
}

/**
 * Whether Sentry delivered a whole event (an error or an event alert) to the workspace after
 * `since`: a workspace whose integration sends only issue webhooks never will, so dispatch need
 * not wait for one.
 */
export async function receivesEvents(
  db: Db,
  { workspaceId, since }: { workspaceId: string; since: Date },
): Promise<boolean> {
  const [row] = await db
    .select({ id: observations.id })
    .from(observations)
    .where(
      and(
        eq(observations.workspaceId, workspaceId),
        gt(observations.createdAt, since),
        inArray(observations.sourceType, EVENT_SOURCE_TYPES),
      ),
    )
    .orderBy(desc(observations.createdAt))
    .limit(1);
  return row !== undefined;
}

/** When Suture first observed anything for the workspace; undefined before its first delivery. */
export async function firstObservedAt(db: Db, { workspaceId }: { workspaceId: string }): Promise<Date | undefined> {
  const [row] = await db
    .select({ createdAt: observations.createdAt })
    .from(observations)
    .where(eq(observations.workspaceId, workspaceId))
    .orderBy(observations.createdAt)
    .limit(1);
  return row?.createdAt;
}

/** The commit a release was deployed from, when a deployment said so. */
export async function releaseCommit(
  db: Db,
  { workspaceId, release }: { workspaceId: string; release: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ commitSha: deployments.commitSha })
    .from(deployments)
    .where(
      and(eq(deployments.workspaceId, workspaceId), eq(deployments.release, release), isNotNull(deployments.commitSha)),
    )
    .orderBy(desc(deployments.deployedAt))
    .limit(1);
  return row?.commitSha ?? undefined;
}

/** By id, in any workspace: for the pipeline. */
export async function getRepository(db: Db, { id }: { id: string }): Promise<Repository | undefined> {
  const [row] = await db.select().from(repositories).where(eq(repositories.id, id));
  return row;
}

/**
 * The newest timeline entry of a kind (a stage's recorded result), to resume from after a retry,
 * its data parsed; undefined if there is none, or its data is not of that kind's shape.
 */
export async function latestFixRunEvent<K extends FixRunEventKind>(
  db: Db,
  { fixRunId, kind }: { fixRunId: string; kind: K },
): Promise<FixRunEventOf<K> | undefined> {
  const [row] = await db
    .select()
    .from(fixRunEvents)
    .where(and(eq(fixRunEvents.fixRunId, fixRunId), eq(fixRunEvents.kind, kind)))
    .orderBy(desc(fixRunEvents.seq))
    .limit(1);
  return row && parseFixRunEventOf(kind, row);
}

/** Suture runs in `statuses` approved before `before`: dispatches that may have been lost. */
export async function listStaleDispatches(
  db: Db,
  { statuses, before, limit = 100 }: { statuses: readonly FixRunStatus[]; before: Date; limit?: number },
): Promise<FixRun[]> {
  return db
    .select()
    .from(fixRuns)
    .where(and(inArray(fixRuns.status, [...statuses]), eq(fixRuns.origin, "suture"), lt(fixRuns.approvedAt, before)))
    .orderBy(fixRuns.approvedAt)
    .limit(limit);
}

export type FixRunSummary = Pick<
  FixRun,
  | "id"
  | "status"
  | "origin"
  | "reason"
  | "branch"
  | "prNumber"
  | "prUrl"
  | "prState"
  | "checksState"
  | "reviewState"
  | "updatedAt"
> & { shortId: string | null; title: string | null; workspaceSlug: string };

/** A workspace's newest runs with their issue, for its pages. */
export async function listRecentFixRuns(
  db: Db,
  { workspaceId, limit = 20 }: { workspaceId: string; limit?: number },
): Promise<FixRunSummary[]> {
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
    .where(eq(fixRuns.workspaceId, workspaceId))
    .orderBy(desc(fixRuns.updatedAt))
    .limit(limit);
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

/** Suture runs still `running` that started before `before`. */
export async function listRunningSince(
  db: Db,
  { before, limit = 100 }: { before: Date; limit?: number },
): Promise<FixRun[]> {
  return db
    .select()
    .from(fixRuns)
    .where(and(eq(fixRuns.status, "running"), eq(fixRuns.origin, "suture"), lt(fixRuns.startedAt, before)))
    .orderBy(fixRuns.startedAt)
    .limit(limit);
}

/** A workspace's connected repository by its GitHub name (GitHub names are case-insensitive). */
export async function findRepositoryByName(
  db: Db,
  { workspaceId, owner, name }: { workspaceId: string; owner: string; name: string },
): Promise<Repository | undefined> {
  const [row] = await db
    .select()
    .from(repositories)
    .where(
      and(eq(repositories.workspaceId, workspaceId), ilike(repositories.owner, owner), ilike(repositories.name, name)),
    )
    .limit(1);
  return row;
}

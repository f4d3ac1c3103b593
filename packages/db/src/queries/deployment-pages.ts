import { and, asc, desc, eq, exists, getTableColumns, inArray, isNotNull, isNull, max, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { deployments, observations, sentryIssues } from "../schema/index.ts";
import { type Deployment, shipsRelease } from "./deployments.ts";

/** The release (and its environment) an issue was first observed in: its first observation that has one. */
export async function firstReleaseOfIssue(
  db: Db,
  { workspaceId, sentryIssueId }: { workspaceId: string; sentryIssueId: string },
): Promise<{ release: string; environment: string | null } | null> {
  const [row] = await db
    .select({ release: observations.release, environment: observations.environment })
    .from(observations)
    .where(
      and(
        eq(observations.workspaceId, workspaceId),
        eq(observations.sentryIssueId, sentryIssueId),
        isNotNull(observations.release),
      ),
    )
    .orderBy(asc(observations.occurredAt), asc(observations.id))
    .limit(1);
  return row?.release ? { release: row.release, environment: row.environment } : null;
}

/** One deployment of the workspace, or null. */
export async function getWorkspaceDeployment(
  db: Db,
  { workspaceId, id }: { workspaceId: string; id: string },
): Promise<Deployment | null> {
  const [row] = await db
    .select()
    .from(deployments)
    .where(and(eq(deployments.workspaceId, workspaceId), eq(deployments.id, id)))
    .limit(1);
  return row ?? null;
}

/** The environments the workspace deployed to (null: none given), most recently deployed first. */
export async function listDeploymentEnvironments(
  db: Db,
  { workspaceId, limit }: { workspaceId: string; limit: number },
): Promise<{ environment: string | null; latest: Date }[]> {
  const latest = max(deployments.deployedAt);
  const rows = await db
    .select({ environment: deployments.environment, latest })
    .from(deployments)
    .where(eq(deployments.workspaceId, workspaceId))
    .groupBy(deployments.environment)
    .orderBy(desc(latest), asc(deployments.environment))
    .limit(limit);
  return rows.flatMap((row) => (row.latest ? [{ environment: row.environment, latest: row.latest }] : []));
}

/** A deployment as the timeline lists it: its commits counted, not read. */
export type TimelineDeployment = Omit<Deployment, "commits"> & { commitCount: number | null; deployedAtKey: string };

/** An environment's deployments, newest first, `limit` after the keyset `before` (deployedAt text, id). */
export async function listEnvironmentDeployments(
  db: Db,
  params: {
    workspaceId: string;
    environment: string | null;
    before?: { key: string; id: string } | null;
    limit: number;
  },
): Promise<TimelineDeployment[]> {
  const { before, environment } = params;
  return db
    .select({
      ...timelineColumns,
      commitCount: sql<number | null>`jsonb_array_length(${deployments.commits})`.mapWith(Number),
      deployedAtKey: sql<string>`${deployments.deployedAt}::text`,
    })
    .from(deployments)
    .where(
      and(
        eq(deployments.workspaceId, params.workspaceId),
        environment === null ? isNull(deployments.environment) : eq(deployments.environment, environment),
        before
          ? sql`(${deployments.deployedAt}, ${deployments.id}) < (${before.key}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(deployments.deployedAt), desc(deployments.id))
    .limit(params.limit);
}

const { commits: _commits, ...timelineColumns } = getTableColumns(deployments);

export interface IntroducedIssue {
  deploymentId: string;
  id: string;
  shortId: string | null;
  title: string | null;
  /** How many issues this deployment introduced in all (the rows are capped). */
  total: number;
}

/**
 * The issues each of `deploymentIds` introduced: issues whose first observation with a release
 * was of that deployment's release, and that deployment is the release's first successful one in
 * the observation's environment (any environment when it has none). At most `perDeployment` rows
 * each, earliest issue first; `total` counts them all.
 */
export async function listIntroducedIssues(
  db: Db,
  {
    workspaceId,
    deploymentIds,
    perDeployment,
  }: { workspaceId: string; deploymentIds: string[]; perDeployment: number },
): Promise<IntroducedIssue[]> {
  if (deploymentIds.length === 0) return [];
  const candidates = candidateIssues(db, workspaceId, deploymentIds);
  const first = firstReleasedObservation(db, workspaceId, candidates.issueId);
  const introducing = introducingDeployment(db, workspaceId, first);
  const ranked = db
    .select({
      deploymentId: sql<string>`${introducing.id}`.as("deployment_id"),
      id: sql<string>`${sentryIssues.id}`.as("id"),
      shortId: sql<string | null>`${sentryIssues.shortId}`.as("short_id"),
      title: sql<string | null>`${sentryIssues.title}`.as("title"),
      total: sql<number>`count(*) over (partition by ${introducing.id})`.mapWith(Number).as("total"),
      rank: sql<number>`row_number() over (partition by ${introducing.id} order by ${first.occurredAt}, ${sentryIssues.id})`.as(
        "rank",
      ),
    })
    .from(candidates)
    .innerJoin(sentryIssues, and(eq(sentryIssues.id, candidates.issueId), eq(sentryIssues.workspaceId, workspaceId)))
    .innerJoinLateral(first, sql`true`)
    .innerJoinLateral(introducing, sql`true`)
    .where(inArray(introducing.id, deploymentIds))
    .as("ranked");
  return db
    .select({
      deploymentId: ranked.deploymentId,
      id: ranked.id,
      shortId: ranked.shortId,
      title: ranked.title,
      total: ranked.total,
    })
    .from(ranked)
    .where(sql`${ranked.rank} <= ${perDeployment}`)
    .orderBy(ranked.deploymentId, ranked.rank);
}

/** Only issues seen in a release one of these deployments ships can have been introduced by them. */
function candidateIssues(db: Db, workspaceId: string, deploymentIds: string[]) {
  const shippedHere = db
    .select({ one: sql`1` })
    .from(deployments)
    .where(
      and(
        eq(deployments.workspaceId, workspaceId),
        inArray(deployments.id, deploymentIds),
        shipsRelease(observations.release),
      ),
    );
  return db
    .selectDistinct({ issueId: sql<string>`${observations.sentryIssueId}`.as("issue_id") })
    .from(observations)
    .where(
      and(
        eq(observations.workspaceId, workspaceId),
        isNotNull(observations.sentryIssueId),
        isNotNull(observations.release),
        exists(shippedHere),
      ),
    )
    .as("candidates");
}

function firstReleasedObservation(db: Db, workspaceId: string, issueId: unknown) {
  return db
    .select({
      release: sql<string>`${observations.release}`.as("first_release"),
      environment: sql<string | null>`${observations.environment}`.as("first_environment"),
      occurredAt: sql<Date>`${observations.occurredAt}`.as("first_occurred_at"),
    })
    .from(observations)
    .where(
      and(
        eq(observations.workspaceId, workspaceId),
        sql`${observations.sentryIssueId} = ${issueId}`,
        isNotNull(observations.release),
      ),
    )
    .orderBy(asc(observations.occurredAt), asc(observations.id))
    .limit(1)
    .as("first");
}

function introducingDeployment(db: Db, workspaceId: string, first: ReturnType<typeof firstReleasedObservation>) {
  return db
    .select({ id: sql<string>`${deployments.id}`.as("introducing_id") })
    .from(deployments)
    .where(
      and(
        eq(deployments.workspaceId, workspaceId),
        shipsRelease(first.release),
        eq(deployments.status, "success"),
        or(isNull(first.environment), eq(deployments.environment, first.environment)),
      ),
    )
    .orderBy(asc(deployments.deployedAt), asc(deployments.id))
    .limit(1)
    .as("introducing");
}

import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import type { Db } from "../client.ts";
import { type DeploymentCommit, deployments, deployTokens, observations, repositories } from "../schema/index.ts";

export type Deployment = typeof deployments.$inferSelect;
export type NewDeployment = typeof deployments.$inferInsert;
export type DeployToken = typeof deployTokens.$inferSelect;

/**
 * Stores a deployment once per (workspace, environment, release, commit): a repeat returns the
 * stored row with `duplicate: true` and changes nothing.
 */
export async function insertDeployment(
  db: Db,
  values: NewDeployment,
): Promise<{ deployment: Deployment; duplicate: boolean }> {
  const [row] = await db.insert(deployments).values(values).onConflictDoNothing().returning();
  if (row) return { deployment: row, duplicate: false };
  const [existing] = await db
    .select()
    .from(deployments)
    .where(
      and(
        eq(deployments.workspaceId, values.workspaceId),
        sql`${deployments.environment} is not distinct from ${values.environment ?? null}`,
        eq(deployments.release, values.release),
        sql`${deployments.commitSha} is not distinct from ${values.commitSha ?? null}`,
      ),
    )
    .limit(1);
  if (!existing) throw new Error(`deployment of ${values.release} was neither stored nor found`);
  return { deployment: existing, duplicate: true };
}

export async function getDeployment(db: Db, { id }: { id: string }): Promise<Deployment | undefined> {
  const [row] = await db.select().from(deployments).where(eq(deployments.id, id));
  return row;
}

/** The last successful deployment of the same environment before this one: the suspect range's start. */
export async function previousDeployment(db: Db, deployment: Deployment): Promise<Deployment | undefined> {
  const [row] = await db
    .select()
    .from(deployments)
    .where(
      and(
        eq(deployments.workspaceId, deployment.workspaceId),
        sql`${deployments.environment} is not distinct from ${deployment.environment}`,
        eq(deployments.status, "success"),
        ne(deployments.id, deployment.id),
        lt(deployments.deployedAt, deployment.deployedAt),
      ),
    )
    .orderBy(desc(deployments.deployedAt))
    .limit(1);
  return row;
}

/** Records the suspect range: where it starts, its compare link, and its commits or why they are missing. */
export async function setDeploymentRange(
  db: Db,
  values: {
    id: string;
    previousDeploymentId: string | null;
    compareUrl: string | null;
    commits: DeploymentCommit[] | null;
    commitsError: string | null;
  },
): Promise<void> {
  const { id, ...range } = values;
  await db.update(deployments).set(range).where(eq(deployments.id, id));
}

/**
 * Successful deployments recorded between `since` and `before` whose suspect range was never
 * stored (neither commits nor a reason): their announcement was lost, or reading it gave up.
 */
export async function deploymentsWithoutRange(
  db: Db,
  { since, before, limit }: { since: Date; before: Date; limit: number },
): Promise<{ deploymentId: string; workspaceId: string; release: string }[]> {
  return db
    .select({ deploymentId: deployments.id, workspaceId: deployments.workspaceId, release: deployments.release })
    .from(deployments)
    .where(
      and(
        eq(deployments.status, "success"),
        isNull(deployments.commits),
        isNull(deployments.commitsError),
        gte(deployments.createdAt, since),
        lt(deployments.createdAt, before),
      ),
    )
    .orderBy(asc(deployments.createdAt))
    .limit(limit);
}

export async function insertDeployToken(
  db: Db,
  values: { workspaceId: string; name: string; prefix: string; tokenHash: string; createdBy: string },
): Promise<DeployToken> {
  const [row] = await db.insert(deployTokens).values(values).returning();
  if (!row) throw new Error("the deploy token was not stored");
  return row;
}

/** The live (not revoked) token with this hash, marked used now; undefined for an unknown one. */
export async function useDeployToken(db: Db, { tokenHash }: { tokenHash: string }): Promise<DeployToken | undefined> {
  const [row] = await db
    .update(deployTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(deployTokens.tokenHash, tokenHash), isNull(deployTokens.revokedAt)))
    .returning();
  return row;
}

/** The workspaces that connected GitHub repository `owner/name` (compared as GitHub does, ignoring case). */
export async function workspacesWithRepository(
  db: Db,
  { owner, name }: { owner: string; name: string },
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ workspaceId: repositories.workspaceId })
    .from(repositories)
    .where(and(sql`lower(${repositories.owner}) = lower(${owner})`, sql`lower(${repositories.name}) = lower(${name})`));
  return rows.map((row) => row.workspaceId);
}

/**
 * SQL: the deployment row ships `release` — the same release, or a release that is itself a
 * commit SHA (`<sha>`, `name@<sha>`, 7 to 40 hex digits) of the deployment's commit. The one
 * definition for the issue page, dispatch and the deployments timeline.
 */
export function shipsRelease(release: SQLWrapper | string): SQL {
  const sha = sql`lower(substring(${release} from '(?:^|@)([0-9a-fA-F]{7,40})$'))`;
  return sql`(${deployments.release} = ${release} or ${deployments.commitSha} like ${sha} || '%')`;
}

/**
 * The deployment that introduced a release to an environment: its first successful deployment
 * there (any environment's when the event named none), by `shipsRelease`.
 */
export async function introducedIn(
  db: Db,
  { workspaceId, release, environment }: { workspaceId: string; release: string; environment: string | null },
): Promise<Deployment | undefined> {
  const [row] = await db
    .select()
    .from(deployments)
    .where(
      and(
        eq(deployments.workspaceId, workspaceId),
        eq(deployments.status, "success"),
        environment === null ? undefined : eq(deployments.environment, environment),
        shipsRelease(release),
      ),
    )
    .orderBy(asc(deployments.deployedAt), asc(deployments.id))
    .limit(1);
  return row;
}

/** The (workspace, release) pairs of these observations that no deployment records yet. */
export async function releasesWithoutDeployment(
  db: Db,
  { observationIds }: { observationIds: string[] },
): Promise<{ workspaceId: string; release: string }[]> {
  if (observationIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ workspaceId: observations.workspaceId, release: observations.release })
    .from(observations)
    .where(
      and(
        inArray(observations.id, observationIds),
        isNotNull(observations.release),
        sql`not exists (select 1 from ${deployments} where ${deployments.workspaceId} = ${observations.workspaceId} and ${deployments.release} = ${observations.release})`,
      ),
    );
  return rows.flatMap((row) => (row.release ? [{ workspaceId: row.workspaceId, release: row.release }] : []));
}

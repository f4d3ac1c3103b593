import { and, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { deployments, observations, releaseLinks } from "../schema/index.ts";

/** Links the given observations to every deployment of their release in their workspace. */
export async function linkObservationsToDeployments(
  db: Db,
  { observationIds }: { observationIds: string[] },
): Promise<number> {
  if (observationIds.length === 0) return 0;
  const pairs = await db
    .select({ observationId: observations.id, deploymentId: deployments.id })
    .from(observations)
    .innerJoin(deployments, and(eq(deployments.workspaceId, observations.workspaceId), sameRelease()))
    .where(and(inArray(observations.id, observationIds), isNotNull(observations.release)));
  return insertLinks(db, pairs);
}

/** Back-fills links for deployments recorded after the observations of their release. */
export async function linkDeploymentsToObservations(
  db: Db,
  { deploymentIds }: { deploymentIds: string[] },
): Promise<number> {
  if (deploymentIds.length === 0) return 0;
  const pairs = await db
    .select({ observationId: observations.id, deploymentId: deployments.id })
    .from(deployments)
    .innerJoin(observations, and(eq(observations.workspaceId, deployments.workspaceId), sameRelease()))
    .where(inArray(deployments.id, deploymentIds));
  return insertLinks(db, pairs);
}

/**
 * An observation's release is the deployment's, or names its commit: a release that is itself a
 * SHA (`<sha>` or `name@<sha>`, 7 to 40 hex digits) matches a deployment of that commit.
 */
function sameRelease(): SQL {
  const version = sql`substring(${observations.release} from '(?:^|@)([0-9a-f]{7,40})$')`;
  return sql`(${eq(deployments.release, observations.release)} or (${deployments.commitSha} is not null and ${version} is not null and ${deployments.commitSha} like ${version} || '%'))`;
}

async function insertLinks(db: Db, pairs: { observationId: string; deploymentId: string }[]): Promise<number> {
  if (pairs.length === 0) return 0;
  const rows = await db
    .insert(releaseLinks)
    .values(pairs)
    .onConflictDoNothing({ target: [releaseLinks.observationId, releaseLinks.deploymentId] })
    .returning({ id: releaseLinks.id });
  return rows.length;
}

/** The deployments an observation of the workspace is linked to, for its pages. */
export async function listReleaseLinks(
  db: Db,
  { workspaceId, observationId }: { workspaceId: string; observationId: string },
) {
  return db
    .select({ deployment: deployments })
    .from(releaseLinks)
    .innerJoin(deployments, eq(deployments.id, releaseLinks.deploymentId))
    .where(and(eq(releaseLinks.observationId, observationId), eq(deployments.workspaceId, workspaceId)));
}

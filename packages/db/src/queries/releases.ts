import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../client.ts";
import { deployments, observations, releaseLinks } from "../schema/index.ts";

export type Deployment = typeof deployments.$inferSelect;
export type NewDeployment = typeof deployments.$inferInsert;

export async function insertDeployment(db: Db, values: NewDeployment): Promise<Deployment> {
  const [row] = await db.insert(deployments).values(values).returning();
  if (!row) throw new Error(`deployment of ${values.release} was not stored`);
  return row;
}

/** Links the given observations to every deployment of their release in their workspace. */
export async function linkObservationsToDeployments(
  db: Db,
  { observationIds }: { observationIds: string[] },
): Promise<number> {
  if (observationIds.length === 0) return 0;
  const pairs = await db
    .select({ observationId: observations.id, deploymentId: deployments.id })
    .from(observations)
    .innerJoin(
      deployments,
      and(eq(deployments.workspaceId, observations.workspaceId), eq(deployments.release, observations.release)),
    )
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
    .innerJoin(
      observations,
      and(eq(observations.workspaceId, deployments.workspaceId), eq(observations.release, deployments.release)),
    )
    .where(inArray(deployments.id, deploymentIds));
  return insertLinks(db, pairs);
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

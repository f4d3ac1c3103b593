import { linkDeploymentsToObservations, linkObservationsToDeployments } from "@suture/db";
import { getDb } from "../database.ts";

export async function linkReleases(input: { observationIds: string[]; deploymentIds: string[] }) {
  const db = await getDb();
  const fromObservations = await linkObservationsToDeployments(db, { observationIds: input.observationIds });
  const fromDeployments = await linkDeploymentsToObservations(db, { deploymentIds: input.deploymentIds });
  return { linked: fromObservations + fromDeployments };
}

import { type Deployment, insertDeployment } from "@suture/db";
import { getDb } from "../database.ts";
import { inngest } from "../inngest/client.ts";
import { deploymentRecorded } from "../inngest/events.ts";
import { log } from "../observability/log.ts";

export interface DeploymentInput {
  workspaceId: string;
  release: string;
  environment?: string | null;
  commitSha?: string | null;
  url?: string | null;
  name?: string | null;
  source?: string;
  deployedAt?: Date;
}

/** Records a deployment and announces it so earlier observations of its release get linked. */
export async function recordDeployment(input: DeploymentInput): Promise<Deployment> {
  const deployment = await insertDeployment(await getDb(), { ...input, source: input.source ?? "manual" });
  try {
    await inngest.send(
      deploymentRecorded.create(
        { deploymentId: deployment.id, workspaceId: deployment.workspaceId, release: deployment.release },
        { id: `deployment-${deployment.id}` },
      ),
    );
  } catch (error) {
    // The deployment is stored; observations arriving later still link to it.
    log.warn({ deploymentId: deployment.id, err: error }, "could not announce the deployment");
  }
  return deployment;
}

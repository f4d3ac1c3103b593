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
  repository?: string | null;
  url?: string | null;
  name?: string | null;
  source?: "api" | "cli" | "github" | "sentry" | "manual";
  status?: "success" | "failure" | "in_progress";
  startedAt?: Date | null;
  finishedAt?: Date | null;
}

/**
 * Records a deployment once per (workspace, environment, release, commit) and announces a new
 * one, so the observations of its release get linked and its suspect range is read. A repeat
 * returns the stored deployment with `duplicate: true`.
 */
export async function recordDeployment(
  input: DeploymentInput,
): Promise<{ deployment: Deployment; duplicate: boolean }> {
  const deployedAt = input.finishedAt ?? input.startedAt ?? new Date();
  const result = await insertDeployment(await getDb(), {
    ...input,
    environment: input.environment ?? null,
    commitSha: input.commitSha?.toLowerCase() ?? null,
    source: input.source ?? "manual",
    deployedAt,
  });
  if (result.duplicate) return result;
  const { deployment } = result;
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
  return result;
}

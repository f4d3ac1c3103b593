import { workspacesWithRepository } from "@suture/db";
import type { GithubDeployment } from "@suture/github";
import { getDb } from "../database.ts";
import { recordDeployment } from "./record-deployment.ts";

/**
 * A successful GitHub deployment becomes a deployment of every workspace that connected its
 * repository. Returns the workspaces it was recorded in (none: nobody connected the repository).
 */
export async function recordGithubDeployment(deployment: GithubDeployment): Promise<string[]> {
  const repository = `${deployment.owner}/${deployment.repo}`;
  const workspaceIds = await workspacesWithRepository(await getDb(), {
    owner: deployment.owner,
    name: deployment.repo,
  });
  for (const workspaceId of workspaceIds) {
    await recordDeployment({
      workspaceId,
      release: deployment.release,
      environment: deployment.environment,
      commitSha: deployment.sha,
      repository,
      url: deployment.url,
      source: "github",
      finishedAt: deployment.deployedAt,
    });
  }
  return workspaceIds;
}

import { type Db, type Deployment, introducedIn } from "@suture/db";
import type { EventContext } from "@suture/sentry";
import { type SuspectCommit, suspectCommits } from "../../releases/suspects.ts";

/** What a fix run knows of the deployment the error came with: for the prompt and the PR. */
export interface DeploymentContext {
  deploymentId: string;
  release: string;
  environment: string | null;
  commitSha: string | null;
  deployedAt: Date;
  compareUrl: string | null;
  /** Commits of the suspect range; null when they could not be read. */
  commits: number | null;
  suspects: SuspectCommit[];
}

/** The deployment that introduced the event's release to its environment, if one was recorded. */
export async function errorDeployment(
  db: Db,
  workspaceId: string,
  context: Pick<EventContext, "release" | "environment"> | null,
): Promise<Deployment | undefined> {
  if (!context?.release) return undefined;
  return introducedIn(db, { workspaceId, release: context.release, environment: context.environment ?? null });
}

/** The deployment with the commits of its range that changed a file of the stack (crashing frame's first). */
export function deploymentContext(deployment: Deployment, framePaths: readonly string[]): DeploymentContext {
  return {
    deploymentId: deployment.id,
    release: deployment.release,
    environment: deployment.environment,
    commitSha: deployment.commitSha,
    deployedAt: deployment.deployedAt,
    compareUrl: deployment.compareUrl,
    commits: deployment.commits?.length ?? null,
    suspects: suspectCommits(deployment.commits ?? [], framePaths),
  };
}

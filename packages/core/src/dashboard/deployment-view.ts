import type { Deployment, TimelineDeployment } from "@suture/db";
import { githubWebHost, safeHttpsUrl } from "../links/safe-https-url.ts";

/** A deployment as the pages show it: every link an https: URL safe as an href, or null. */
export interface DeploymentView {
  id: string;
  release: string;
  environment: string | null;
  commitSha: string | null;
  shortSha: string | null;
  /** The commit on the configured GitHub, when the repository is known. */
  commitUrl: string | null;
  repository: string | null;
  source: string;
  status: Deployment["status"];
  deployedAt: Date;
  /** Where it was deployed to (any https: host). */
  url: string | null;
  /** The suspect range on the configured GitHub. */
  compareUrl: string | null;
  /** Commits in the suspect range; null until they are read. */
  commitCount: number | null;
  commitsError: string | null;
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const SHA = /^[0-9a-f]{4,64}$/i;

export function deploymentViewOf(deployment: Deployment | TimelineDeployment): DeploymentView {
  const { commitSha, repository } = deployment;
  const commitCount = "commitCount" in deployment ? deployment.commitCount : (deployment.commits?.length ?? null);
  return {
    id: deployment.id,
    release: deployment.release,
    environment: deployment.environment,
    commitSha,
    shortSha: commitSha ? shortSha(commitSha) : null,
    commitUrl: repository && commitSha ? commitUrl(repository, commitSha) : null,
    repository,
    source: deployment.source,
    status: deployment.status,
    deployedAt: deployment.deployedAt,
    url: safeHttpsUrl(deployment.url),
    compareUrl: safeHttpsUrl(deployment.compareUrl, [githubWebHost()]),
    commitCount,
    commitsError: deployment.commitsError,
  };
}

export const shortSha = (sha: string): string => sha.slice(0, 7);

/** `owner/name`'s commit on the configured GitHub, or null when either part is not what it should be. */
export function commitUrl(repository: string, sha: string): string | null {
  if (!REPOSITORY.test(repository) || !SHA.test(sha)) return null;
  const host = githubWebHost();
  return safeHttpsUrl(`https://${host}/${repository}/commit/${sha}`, [host]);
}

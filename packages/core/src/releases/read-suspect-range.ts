import {
  type Deployment,
  type DeploymentCommit,
  deploymentsWithoutRange,
  findWorkspaceRepository,
  getDeployment,
  previousDeployment,
  setDeploymentRange,
} from "@suture/db";
import { compareCommits, describeGithubError } from "@suture/github";
import { githubClient, NO_GITHUB_CREDENTIALS } from "../clients/github-client.ts";
import { getDb } from "../database.ts";
import { githubWebHost } from "../links/safe-https-url.ts";

export type SuspectRangeOutcome =
  | { status: "read"; deploymentId: string; commits: number }
  | { status: "unavailable"; deploymentId: string; reason: string }
  | { status: "skipped"; deploymentId: string; reason: string };

/**
 * Reads a deployment's suspect range: from the previous successful deployment of its
 * environment to it, the compare link and, through GitHub, the commits with their changed
 * files. What cannot be read (no earlier deployment, no commit, no repository, GitHub refusing)
 * is stored as the reason; a GitHub server error or an unreachable GitHub throws, for a retry.
 */
export async function readSuspectRange(deploymentId: string): Promise<SuspectRangeOutcome> {
  const db = await getDb();
  const deployment = await getDeployment(db, { id: deploymentId });
  if (!deployment) return { status: "skipped", deploymentId, reason: "no such deployment" };
  if (deployment.status !== "success") return { status: "skipped", deploymentId, reason: `${deployment.status}` };
  const previous = await previousDeployment(db, deployment);
  const repository = deployment.repository ?? (await connectedRepository(deployment.workspaceId));
  const range = rangeOf(deployment, previous, repository);
  const store = (commits: DeploymentCommit[] | null, commitsError: string | null) =>
    setDeploymentRange(db, {
      id: deploymentId,
      previousDeploymentId: previous?.id ?? null,
      compareUrl: range.compareUrl,
      commits,
      commitsError,
    });
  if ("reason" in range) {
    await store(null, range.reason);
    return { status: "unavailable", deploymentId, reason: range.reason };
  }
  const octokit = githubClient();
  if (!octokit) {
    await store(null, NO_GITHUB_CREDENTIALS);
    return { status: "unavailable", deploymentId, reason: NO_GITHUB_CREDENTIALS };
  }
  try {
    const { commits, omitted } = await compareCommits(octokit, range);
    await store(commits, omitted > 0 ? `${omitted} older commits of the range are not listed` : null);
    return { status: "read", deploymentId, commits: commits.length };
  } catch (error) {
    const { error: message, httpStatus } = describeGithubError(error);
    if (!httpStatus || httpStatus >= 500 || httpStatus === 429) throw error;
    const reason = `GitHub could not compare ${range.base.slice(0, 7)}...${range.head.slice(0, 7)} (${httpStatus}): ${message}`;
    await store(null, reason);
    return { status: "unavailable", deploymentId, reason };
  }
}

type Range =
  | { owner: string; repo: string; base: string; head: string; compareUrl: string }
  | { reason: string; compareUrl: null };

function rangeOf(deployment: Deployment, previous: Deployment | undefined, repository: string | null): Range {
  const where = deployment.environment ?? "its environment";
  if (!previous)
    return { reason: `the first deployment recorded in ${where}: nothing to compare with`, compareUrl: null };
  if (!deployment.commitSha || !previous.commitSha)
    return { reason: `a commit is not recorded for this or the previous deployment of ${where}`, compareUrl: null };
  if (!repository) return { reason: "no repository is recorded or connected", compareUrl: null };
  const [owner = "", repo = ""] = repository.split("/");
  const [base, head] = [previous.commitSha, deployment.commitSha];
  const compareUrl = `https://${githubWebHost()}/${owner}/${repo}/compare/${base}...${head}`;
  return { owner, repo, base, head, compareUrl };
}

async function connectedRepository(workspaceId: string): Promise<string | null> {
  const repository = await findWorkspaceRepository(await getDb(), { workspaceId });
  return repository ? `${repository.owner}/${repository.name}` : null;
}

/** A day: an older deployment whose range was never read is left alone (the next one starts its own). */
const RANGE_SWEEP_WINDOW_MS = 24 * 3_600_000;

/**
 * Deployments recorded more than `olderThanSeconds` ago (within the last day, at most 20) whose
 * suspect range was never stored, for the sweeper to announce again.
 */
export async function deploymentsAwaitingRange(
  olderThanSeconds: number,
): Promise<{ deploymentId: string; workspaceId: string; release: string }[]> {
  const now = Date.now();
  return deploymentsWithoutRange(await getDb(), {
    since: new Date(now - RANGE_SWEEP_WINDOW_MS),
    before: new Date(now - olderThanSeconds * 1000),
    limit: 20,
  });
}

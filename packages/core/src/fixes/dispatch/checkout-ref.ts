import { type Deployment, releaseCommit } from "@suture/db";
import { getDb } from "../../database.ts";

// Only a full SHA: a server will not fetch an abbreviated one.
const SHA = /^[0-9a-f]{40}$/i;

/**
 * Where to check the code out: the commit the failing release was deployed from (the deployment
 * that introduced it to the error's environment, else any deployment of it), or the release name
 * when it is a full commit SHA (`<sha>`, `api@<sha>`); else the default branch.
 */
export async function checkoutRef(
  workspaceId: string,
  release: string | null,
  deployment: Deployment | undefined,
  defaultBranch: string,
): Promise<string> {
  if (deployment?.commitSha && SHA.test(deployment.commitSha)) return deployment.commitSha;
  if (!release) return defaultBranch;
  const deployed = await releaseCommit(await getDb(), { workspaceId, release });
  if (deployed && SHA.test(deployed)) return deployed;
  const version = release.slice(release.lastIndexOf("@") + 1);
  return SHA.test(version) ? version : defaultBranch;
}

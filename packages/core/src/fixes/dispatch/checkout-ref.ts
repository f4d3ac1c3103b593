import { releaseCommit } from "@suture/db";
import { getDb } from "../../database.ts";

// Only a full SHA: a server will not fetch an abbreviated one.
const SHA = /^[0-9a-f]{40}$/i;

/**
 * Where to check the code out: the commit the failing release was built from, when a deployment
 * recorded it or the release name is a full commit SHA (`<sha>`, `api@<sha>`); else the default branch.
 */
export async function checkoutRef(workspaceId: string, release: string | null, defaultBranch: string): Promise<string> {
  if (!release) return defaultBranch;
  const deployed = await releaseCommit(await getDb(), { workspaceId, release });
  if (deployed) return deployed;
  const version = release.slice(release.lastIndexOf("@") + 1);
  return SHA.test(version) ? version : defaultBranch;
}

import { releaseCommit } from "@suture/db";
import { getDb } from "../../database.ts";

const SHA = /^[0-9a-f]{7,40}$/i;

/**
 * Where to check the code out: the commit the failing release was built from, when a deployment
 * recorded it or the release name is a commit (`abc1234`, `api@abc1234`); else the default branch.
 */
export async function checkoutRef(workspaceId: string, release: string | null, defaultBranch: string): Promise<string> {
  if (!release) return defaultBranch;
  const deployed = await releaseCommit(await getDb(), workspaceId, release);
  if (deployed) return deployed;
  const version = release.slice(release.lastIndexOf("@") + 1);
  return SHA.test(version) && /[a-f]/i.test(version) ? version : defaultBranch;
}

import type { DeploymentCommit } from "@suture/db";

export interface SuspectCommit extends DeploymentCommit {
  /** The in-app frame files (repository paths) this commit changed. */
  touched: string[];
}

/**
 * The commits of a deployment's range that changed a file an in-app frame of the error points
 * at (repository paths, as the code mappings give them), crashing frame's file first. A frame
 * path matches a changed file when one ends with the other at a folder boundary, so a frame
 * mapped only by its file's tail still finds the file the commit changed.
 */
export function suspectCommits(commits: readonly DeploymentCommit[], framePaths: readonly string[]): SuspectCommit[] {
  const paths = [...new Set(framePaths.map(normalize).filter((path) => path.length > 0))];
  const suspects: SuspectCommit[] = [];
  for (const commit of commits) {
    const files = commit.files.map(normalize);
    const touched = paths.filter((path) => files.some((file) => samePath(file, path)));
    if (touched.length > 0) suspects.push({ ...commit, touched });
  }
  const rank = (suspect: SuspectCommit) => Math.min(...suspect.touched.map((path) => paths.indexOf(path)));
  return suspects.sort((a, b) => rank(a) - rank(b));
}

function normalize(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.?\/+/, "");
}

function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.endsWith(`/${shorter}`) && shorter.includes("/");
}

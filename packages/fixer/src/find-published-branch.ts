import { git, isSafeRef } from "./git.ts";

export interface FindPublishedOptions {
  /** A checkout of the repository, used for its object store. */
  dir: string;
  /** The preferred name given to publishBranch: it and its `-2`, `-3`, … are looked at. */
  branch: string;
  /** Text the commit message carries only if this run wrote it (a trailer with the run id). */
  marker: string;
  remoteUrl: string;
  token?: string;
}

/**
 * The branch an earlier attempt of the same run already pushed, if any: a step retried after a
 * push but before the push was recorded must not run the agent and push again.
 */
export async function findPublishedBranch(
  options: FindPublishedOptions,
): Promise<{ branch: string; sha: string } | null> {
  const { dir, branch, marker, remoteUrl, token } = options;
  if (!isSafeRef(branch)) return null;
  const run = (args: string[]) => git(args, { cwd: dir, token, remoteUrl });
  const heads = await run(["ls-remote", "--heads", "--", remoteUrl]);
  if (!heads.ok) return null;
  const ours = new RegExp(`^${branch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(-\\d+)?$`);
  const candidates = heads.stdout
    .split("\n")
    .map((line) => line.split("\trefs/heads/"))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[1] !== undefined && ours.test(parts[1]));
  for (const [sha, name] of candidates) {
    const fetched = await run(["fetch", "-q", "--depth", "1", "--no-tags", "--", remoteUrl, `refs/heads/${name}`]);
    if (!fetched.ok) continue;
    const message = await run(["log", "-1", "--format=%B", sha]);
    if (message.ok && message.stdout.includes(marker)) return { branch: name, sha };
  }
  return null;
}

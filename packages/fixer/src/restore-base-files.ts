import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { git, isObjectId } from "./git.ts";

/**
 * Puts `paths` of the checkout back as they are in `baseSha`: a file the base has is checked out
 * from it, one it does not have is removed. Used to run the agent's tests without its fix.
 * Returns why it could not, or null.
 */
export async function restoreBaseFiles(dir: string, baseSha: string, paths: readonly string[]): Promise<string | null> {
  if (!isObjectId(baseSha)) return `"${baseSha}" is not a full commit id`;
  if (paths.length === 0) return null;
  const listed = await git(["ls-tree", "-r", "-z", "--name-only", baseSha, "--", ...paths], { cwd: dir });
  if (!listed.ok) return `could not list the base commit's files: ${listed.stderr.trim()}`;
  const inBase = new Set(listed.stdout.split("\0").filter(Boolean));
  const existing = paths.filter((path) => inBase.has(path));
  if (existing.length > 0) {
    const restored = await git(["checkout", baseSha, "--", ...existing], { cwd: dir });
    if (!restored.ok) return `could not restore the base's files: ${restored.stderr.trim()}`;
  }
  const root = resolve(dir);
  for (const path of paths.filter((p) => !inBase.has(p))) {
    const target = resolve(join(root, path));
    // A path from the diff always lies inside the checkout; anything else is not ours to remove.
    if (target.startsWith(`${root}/`)) await rm(target, { force: true });
  }
  return null;
}

import { git, intendToAdd } from "./git.ts";

export interface FileChange {
  path: string;
  added: number;
  removed: number;
}

/**
 * What the agent changed in a checkout, against HEAD, untracked files included (an agent's new
 * test file is untracked until Suture commits it). Binary files count one line each way.
 */
export async function diffStats(cwd: string): Promise<FileChange[]> {
  await intendToAdd(cwd);
  const result = await git(["diff", "--numstat", "--no-renames", "-z", "HEAD"], { cwd });
  if (!result.ok) throw new Error(`git diff --numstat failed in ${cwd}: ${result.stderr}`);
  return parseNumstat(result.stdout);
}

/**
 * Parses `git diff --numstat -z`: `added\tremoved\tpath\0`, renames as `a\tr\t\0old\0new\0`.
 * `diffStats` turns renames off — a rename must show its old path too, or a denylisted file
 * could be moved away unseen — but other callers may pass rename output.
 */
export function parseNumstat(output: string): FileChange[] {
  const fields = output.split("\0");
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (!field) continue;
    const [added, removed, path] = field.split("\t") as [string, string, string];
    const count = (n: string) => (n === "-" ? 1 : Number(n));
    // A rename leaves the path empty and names old and new in the next two fields.
    const name = path === "" ? fields[(i += 2)]! : path;
    changes.push({ path: name, added: count(added), removed: count(removed) });
  }
  return changes;
}

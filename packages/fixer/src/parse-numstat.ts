export interface FileChange {
  path: string;
  added: number;
  removed: number;
}

/**
 * Parses `git diff --numstat -z`: `added\tremoved\tpath\0`, renames as `a\tr\t\0old\0new\0`.
 * Binary files (`-`) count one line each way. Suture turns renames off — a rename must show its
 * old path too, or a denylisted file could be moved away unseen — but rename output still parses.
 */
export function parseNumstat(output: string): FileChange[] {
  const fields = output.split("\0");
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (!field) continue;
    const [added, removed, path] = field.split("\t") as [string, string, string];
    const count = (n: string) => (n === "-" ? 1 : Number(n));
    // A rename leaves the path empty and names old and new in the next two fields.
    const name = path === "" ? (fields[(i += 2)] ?? "") : path;
    changes.push({ path: name, added: count(added), removed: count(removed) });
  }
  return changes;
}

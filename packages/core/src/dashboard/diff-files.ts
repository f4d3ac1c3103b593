/** One file of a unified diff, with its own patch text and its counts. */
export interface DiffFileSummary {
  /** The path after the change (before it, for a deleted file). */
  path: string;
  oldPath: string | null;
  newPath: string | null;
  change: "added" | "deleted" | "renamed" | "modified";
  added: number;
  removed: number;
  /** This file's part of the diff, headers included, as `git diff` printed it. */
  patch: string;
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/** `a/src/x.ts` → `src/x.ts`; `/dev/null` → null. */
function headerPath(line: string, prefix: string): string | null {
  const raw = line.slice(4).split("\t")[0]?.trim() ?? "";
  if (raw === "/dev/null" || raw === "") return null;
  return raw.startsWith(prefix) ? raw.slice(prefix.length) : raw;
}

/** Whether a line opens a new file: `diff --git`, or a `---`/`+++` pair outside a hunk and a git header. */
function opensFile(lines: string[], i: number, current: string[] | null, inHunk: boolean): boolean {
  const line = lines[i] ?? "";
  if (line.startsWith("diff --git ")) return true;
  if (inHunk || !line.startsWith("--- ") || !lines[i + 1]?.startsWith("+++ ")) return false;
  const openGitHeader = current?.[0]?.startsWith("diff --git ") && !current.some((l) => l.startsWith("@@"));
  return !openGitHeader;
}

/** Splits the diff into one chunk of lines per file, following hunk lengths so content is never a header. */
function fileChunks(lines: string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  for (const [i, line] of lines.entries()) {
    const inHunk = oldLeft > 0 || newLeft > 0;
    if (opensFile(lines, i, current, inHunk)) {
      current = [];
      chunks.push(current);
    }
    if (!current) continue;
    current.push(line);
    const hunk = inHunk ? null : HUNK.exec(line);
    if (hunk) {
      oldLeft = Number(hunk[1] ?? 1);
      newLeft = Number(hunk[2] ?? 1);
    } else if (inHunk && line.startsWith("-")) {
      oldLeft--;
    } else if (inHunk && line.startsWith("+")) {
      newLeft--;
    } else if (inHunk && !line.startsWith("\\")) {
      oldLeft--;
      newLeft--;
    }
  }
  return chunks;
}

function summarize(chunk: string[]): DiffFileSummary {
  let oldPath: string | null = null;
  let newPath: string | null = null;
  let added = 0;
  let removed = 0;
  let inHunks = false;
  for (const line of chunk) {
    if (!inHunks && line.startsWith("--- ")) oldPath = headerPath(line, "a/");
    else if (!inHunks && line.startsWith("+++ ")) newPath = headerPath(line, "b/");
    else if (!inHunks && line.startsWith("rename from ")) oldPath = line.slice(12);
    else if (!inHunks && line.startsWith("rename to ")) newPath = line.slice(10);
    else if (line.startsWith("@@")) inHunks = true;
    else if (inHunks && line.startsWith("+")) added++;
    else if (inHunks && line.startsWith("-")) removed++;
  }
  const git = /^diff --git a\/(.+) b\/(.+)$/.exec(chunk[0] ?? "");
  if (git && oldPath === null && newPath === null && !chunk.some((l) => l.startsWith("--- "))) {
    oldPath = git[1] ?? null;
    newPath = git[2] ?? null;
  }
  const change =
    oldPath === null ? "added" : newPath === null ? "deleted" : oldPath !== newPath ? "renamed" : "modified";
  return {
    path: newPath ?? oldPath ?? "(unnamed file)",
    oldPath,
    newPath,
    change,
    added,
    removed,
    patch: chunk.join("\n"),
  };
}

/** The files of a unified diff (`git diff` output, or plain `---`/`+++` sections), in order. */
export function diffFiles(diff: string): DiffFileSummary[] {
  return fileChunks(diff.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n")).map(summarize);
}

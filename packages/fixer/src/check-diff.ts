import type { FileChange } from "./parse-numstat.ts";

export interface DiffRules {
  maxFiles: number;
  maxLines: number;
  /** `dir/` matches a folder anywhere, `*` wildcards within a path, anything else a file name or path. */
  pathDenylist: readonly string[];
  requireTest: boolean;
}

export type DiffVerdict = { status: "allowed"; files: number; lines: number } | { status: "refused"; reason: string };

const TEST_FILE =
  /(^|\/)(__tests__|tests?|spec|e2e)\/|[._-](test|spec)\.[^/]+$|(^|\/)test_[^/]+\.py$|_test\.(go|py|rb)$/;

/** Whether a path is a test by the usual conventions (`test/`, `*.test.ts`, `test_*.py`, `*_test.go`…). */
export const isTestPath = (path: string): boolean => TEST_FILE.test(path);

/** Whether a fix may be published, with the first reason it may not, in plain words. */
export function checkDiff(changes: readonly FileChange[], rules: DiffRules): DiffVerdict {
  if (changes.length === 0) return { status: "refused", reason: "the agent changed nothing" };
  const denied = changes.find((c) => rules.pathDenylist.some((pattern) => matches(c.path, pattern)));
  if (denied) return { status: "refused", reason: `the diff touches ${denied.path}, which fixes may not change` };
  if (changes.length > rules.maxFiles) {
    return { status: "refused", reason: `the diff changes ${changes.length} files; the limit is ${rules.maxFiles}` };
  }
  const lines = changes.reduce((sum, c) => sum + c.added + c.removed, 0);
  if (lines > rules.maxLines)
    return { status: "refused", reason: `the diff changes ${lines} lines; the limit is ${rules.maxLines}` };
  if (rules.requireTest && !changes.some((c) => isTestPath(c.path))) {
    return { status: "refused", reason: "no test was added or changed; a regression test is required" };
  }
  return { status: "allowed", files: changes.length, lines };
}

function matches(path: string, pattern: string): boolean {
  if (pattern.endsWith("/")) return `/${path}`.includes(`/${pattern}`);
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (!pattern.includes("*")) return path === pattern || name === pattern;
  const regex = new RegExp(`^${pattern.split("*").map(escape).join(".*")}$`, "i");
  return regex.test(name) || regex.test(path);
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

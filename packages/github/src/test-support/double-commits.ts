import type { RouteContext } from "./double-routes.ts";

const FIELD = "\u001f";
const RECORD = "\u001e";

/**
 * GitHub's compare (`base...head`) from the repository's real history: the commits reachable
 * from head and not from base, oldest first, shaped as GitHub sends them. Undefined (404) for
 * an unknown repository or commit.
 */
export async function compareJson(c: RouteContext, owner: string, repo: string, base: string, head: string) {
  const out = await c.git(owner, repo, [
    "log",
    "--reverse",
    `--format=%H${FIELD}%an${FIELD}%B${RECORD}`,
    `${base}..${head}`,
    "--",
  ]);
  if (out === undefined || out === null) return undefined;
  const commits = out
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ""))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [sha = "", author = "", message = ""] = record.split(FIELD);
      return {
        sha,
        html_url: `https://github.com/${owner}/${repo}/commit/${sha}`,
        commit: { message: message.trimEnd(), author: { name: author } },
        author: null,
      };
    });
  return { status: commits.length > 0 ? "ahead" : "identical", total_commits: commits.length, commits };
}

/** One commit with the files it changed, as GitHub's "get a commit" returns it. */
export async function commitFilesJson(c: RouteContext, owner: string, repo: string, ref: string) {
  const out = await c.git(owner, repo, ["show", "--no-renames", "--name-status", "--format=%H", ref]);
  if (out === undefined || out === null) return undefined;
  const [sha = "", ...lines] = out.trim().split("\n");
  const files = lines
    .filter((line) => line.includes("\t"))
    .map((line) => {
      const [status = "", filename = ""] = line.split("\t");
      return { filename, status: status === "A" ? "added" : status === "D" ? "removed" : "modified" };
    });
  return { sha, files };
}

import type { Octokit } from "@octokit/rest";
import { describeGithubError } from "./describe-github-error.ts";

/** Where GitHub looks for the file, in its order. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

interface Rule {
  pattern: RegExp;
  owners: string[];
}

/** CODEOWNERS' rules, in file order: gitignore-style patterns, `@user`, `@org/team` or emails as owners. */
export function parseCodeowners(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    const [pattern = "", ...owners] = line.split(/\s+/);
    const regex = patternRegex(pattern);
    if (regex) rules.push({ pattern: regex, owners: owners.filter((o) => /^@[\w.-]+(\/[\w.-]+)?$/.test(o)) });
  }
  return rules;
}

/** The owners of the changed paths: for each path the last matching rule wins, as on GitHub. */
export function ownersOf(rules: readonly Rule[], paths: readonly string[]): string[] {
  const owners = new Set<string>();
  for (const path of paths) {
    const rule = rules.findLast((r) => r.pattern.test(path));
    for (const owner of rule?.owners ?? []) owners.add(owner);
  }
  return [...owners];
}

/** A gitignore-style pattern as a regex over repository paths; null for one that cannot be read. */
function patternRegex(pattern: string): RegExp | null {
  if (!pattern || pattern.startsWith("!") || pattern.includes("[")) return null;
  const anchored = pattern.startsWith("/") || pattern.slice(0, -1).includes("/");
  const body = pattern.replace(/^\//, "").replace(/\/$/, "/**");
  const source = body
    .split("/")
    .map((part) =>
      part === "**"
        ? ".*"
        : part
            .replace(/[.+^${}()|\\]/g, "\\$&")
            .replace(/\*/g, "[^/]*")
            .replace(/\?/g, "[^/]"),
    )
    .join("/")
    .replace(/\.\*\//g, "(?:.*/)?");
  // A pattern naming a folder also owns everything inside it.
  return new RegExp(`^${anchored ? "" : "(?:.*/)?"}${source}(?:/.*)?$`);
}

export type ReviewRequest =
  | { status: "requested"; users: string[]; teams: string[] }
  | { status: "none"; reason: string }
  | { status: "failed"; error: string };

/**
 * Requests reviews from the code owners of the changed paths, read from the repository's
 * CODEOWNERS at `ref`. No file, or no owner for these paths, requests nothing.
 */
export async function requestCodeOwners(
  octokit: Octokit,
  pr: { owner: string; repo: string; number: number; ref: string; paths: readonly string[] },
): Promise<ReviewRequest> {
  try {
    const text = await readCodeowners(octokit, pr);
    if (text === null) return { status: "none", reason: "the repository has no CODEOWNERS file" };
    const owners = ownersOf(parseCodeowners(text), pr.paths);
    const users = owners.filter((o) => !o.includes("/")).map((o) => o.slice(1));
    const teams = owners.filter((o) => o.includes("/")).map((o) => o.slice(o.indexOf("/") + 1));
    if (users.length + teams.length === 0)
      return { status: "none", reason: "CODEOWNERS names no owner of the changed files" };
    await octokit.rest.pulls.requestReviewers({
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      reviewers: users,
      team_reviewers: teams,
    });
    return { status: "requested", users, teams };
  } catch (error) {
    return { status: "failed", error: describeGithubError(error).error };
  }
}

async function readCodeowners(
  octokit: Octokit,
  at: { owner: string; repo: string; ref: string },
): Promise<string | null> {
  for (const path of CODEOWNERS_PATHS) {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner: at.owner, repo: at.repo, path, ref: at.ref });
      if (!Array.isArray(data) && data.type === "file" && "content" in data)
        return Buffer.from(data.content, "base64").toString("utf8");
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  return null;
}

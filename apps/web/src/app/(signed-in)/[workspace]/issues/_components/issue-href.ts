import type { IssueListQuery } from "@suture/core";

const KEYS = ["tab", "sort", "project", "level", "environment", "fix", "q", "cursor"] as const;
const DEFAULTS: Partial<IssueListQuery> = { tab: "unresolved", sort: "last_seen" };

/** The issues page's URL for `query` with `changes`; a change other than the cursor starts at the first page. */
export function issuesHref(base: string, query: IssueListQuery, changes: Partial<IssueListQuery>): string {
  const next: IssueListQuery = { ...query, cursor: null, ...changes };
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = next[key];
    if (value !== null && value !== "" && DEFAULTS[key] !== value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

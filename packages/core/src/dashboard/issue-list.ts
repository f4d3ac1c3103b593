import {
  ISSUE_SORTS,
  ISSUE_TABS,
  type IssueKeyset,
  type IssueListRow,
  issueFilterOptions,
  issueHourlyCounts,
  issueRowExtras,
  listIssues,
} from "@suture/db";
import { z } from "zod";
import type { WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";

export const ISSUE_LEVELS = ["fatal", "error", "warning", "info", "debug"] as const;
export const SPARKLINE_HOURS = 24;

const optionalText = z
  .string()
  .trim()
  .max(200)
  .transform((value) => (value === "" ? null : value))
  .nullable()
  .catch(null);

/** What the issues page was asked for, as the URL says it; anything malformed falls back to the default. */
export const issueListQuerySchema = z.object({
  tab: z.enum(ISSUE_TABS).catch("unresolved"),
  sort: z.enum(ISSUE_SORTS).catch("last_seen"),
  project: optionalText,
  level: optionalText,
  environment: optionalText,
  fix: z.enum(["with", "without"]).nullable().catch(null),
  q: optionalText,
  cursor: optionalText,
});
export type IssueListQuery = z.infer<typeof issueListQuerySchema>;

/** Reads the page's search params (first value of each). */
export function parseIssueListQuery(params: Record<string, string | string[] | undefined>): IssueListQuery {
  const first = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  const keys = ["tab", "sort", "project", "level", "environment", "fix", "q", "cursor"] as const;
  return issueListQuerySchema.parse(Object.fromEntries(keys.map((key) => [key, first(key)])));
}

export type IssueListItem = Omit<IssueListRow, "sortKey"> & {
  release: string | null;
  latestRun: { id: string; status: string } | null;
  /** Observations per hour, oldest hour first; the last is the hour up to now. */
  sparkline: number[];
};

export interface IssueList {
  query: IssueListQuery;
  issues: IssueListItem[];
  /** Opaque; the `cursor` of the next page, or null on the last page. */
  nextCursor: string | null;
  options: { projects: string[]; environments: string[]; levels: readonly string[] };
}

const keysetSchema = z.tuple([z.string().max(100), z.uuid()]);

export function encodeIssueCursor(keyset: IssueKeyset): string {
  return Buffer.from(JSON.stringify([keyset.key, keyset.id])).toString("base64url");
}

/** The keyset of a cursor, or null when it is not one of ours (a hand-edited URL starts over). */
export function decodeIssueCursor(cursor: string | null): IssueKeyset | null {
  if (!cursor) return null;
  try {
    const parsed = keysetSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? { key: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/**
 * One page of the scope's issues, filtered and sorted as asked, with each row's release, latest fix
 * run and a 24-hour sparkline; the next page is a keyset cursor, and nothing counts the table.
 */
export async function getIssueList(
  scope: WorkspaceScope,
  query: IssueListQuery,
  { limit = 50, now = new Date() }: { limit?: number; now?: Date } = {},
): Promise<IssueList> {
  const db = await getDb();
  const { workspaceId } = scope;
  const params = {
    workspaceId,
    tab: query.tab,
    sort: query.sort,
    project: query.project,
    level: query.level,
    environment: query.environment,
    hasFixRun: query.fix === null ? null : query.fix === "with",
    search: query.q,
    after: decodeIssueCursor(query.cursor),
    limit: limit + 1,
  };
  const [rows, options] = await Promise.all([listIssues(db, params), issueFilterOptions(db, { workspaceId })]);
  const page = rows.slice(0, limit);
  const ids = page.map((row) => row.id);
  const [extras, counts] = await Promise.all([
    issueRowExtras(db, { workspaceId, ids }),
    issueHourlyCounts(db, { workspaceId, ids, now }),
  ]);
  const extraById = new Map(extras.map((extra) => [extra.id, extra]));
  const sparklines = new Map(ids.map((id) => [id, new Array<number>(SPARKLINE_HOURS).fill(0)]));
  for (const { sentryIssueId, hoursAgo, count } of counts) {
    const line = sparklines.get(sentryIssueId);
    if (line && hoursAgo >= 0 && hoursAgo < SPARKLINE_HOURS) line[SPARKLINE_HOURS - 1 - hoursAgo] = count;
  }
  const issues = page.map(({ sortKey: _sortKey, ...row }): IssueListItem => {
    const extra = extraById.get(row.id);
    const runId = extra?.latestRunId ?? null;
    const runStatus = extra?.latestRunStatus ?? null;
    return {
      ...row,
      release: extra?.release ?? null,
      latestRun: runId !== null && runStatus !== null ? { id: runId, status: runStatus } : null,
      sparkline: sparklines.get(row.id) ?? [],
    };
  });
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeIssueCursor({ key: last.sortKey, id: last.id }) : null;
  return { query, issues, nextCursor, options: { ...options, levels: ISSUE_LEVELS } };
}

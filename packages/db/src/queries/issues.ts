import { type SQL, and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { fixRuns, observations, sentryIssues } from "../schema/index.ts";

export const ISSUE_TABS = ["unresolved", "resolved", "ignored", "all"] as const;
export type IssueTab = (typeof ISSUE_TABS)[number];
export const ISSUE_SORTS = ["last_seen", "first_seen", "events", "users"] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

/** Where the previous page ended: its last row's sort key (as PostgreSQL prints it) and id. */
export interface IssueKeyset {
  key: string;
  id: string;
}

export interface IssueListParams {
  workspaceId: string;
  tab: IssueTab;
  sort: IssueSort;
  project?: string | null;
  level?: string | null;
  environment?: string | null;
  /** true: only issues with a fix run; false: only those without; null: either. */
  hasFixRun?: boolean | null;
  search?: string | null;
  after?: IssueKeyset | null;
  limit: number;
}

export interface IssueListRow {
  id: string;
  sentryIssueId: string;
  shortId: string | null;
  title: string | null;
  culprit: string | null;
  level: string | null;
  status: string | null;
  projectSlug: string | null;
  eventCount: number | null;
  userCount: number | null;
  firstSeen: Date | null;
  lastSeen: Date | null;
  sortKey: string;
}

/** Statuses shown under "ignored"; anything that is neither these nor `resolved` is unresolved. */
const IGNORED = ["ignored", "archived", "muted"];

/**
 * The sort keys, never null so that a keyset compares them: each has an index on
 * (workspace_id, key, id) — see the schema — and pages go newest/largest first.
 */
const SORT_KEYS: Record<IssueSort, { expr: SQL; cast: SQL }> = {
  last_seen: { expr: sql`coalesce(${sentryIssues.lastSeen}, '-infinity'::timestamptz)`, cast: sql`timestamptz` },
  first_seen: { expr: sql`coalesce(${sentryIssues.firstSeen}, '-infinity'::timestamptz)`, cast: sql`timestamptz` },
  events: { expr: sql`coalesce(${sentryIssues.eventCount}, 0)`, cast: sql`bigint` },
  users: { expr: sql`coalesce(${sentryIssues.userCount}, 0)`, cast: sql`integer` },
};

function tabCondition(tab: IssueTab): SQL | undefined {
  const status = sql`coalesce(${sentryIssues.status}, 'unresolved')`;
  const ignored = sql.join(
    IGNORED.map((s) => sql`${s}`),
    sql`, `,
  );
  if (tab === "resolved") return sql`${status} = 'resolved'`;
  if (tab === "ignored") return sql`${status} in (${ignored})`;
  if (tab === "unresolved") return sql`${status} not in ('resolved', ${ignored})`;
  return undefined;
}

/** What the search reads: title, culprit and short id, exactly as the trigram index spells it. */
const issueSearchText = sql`(coalesce(${sentryIssues.title}, '') || ' ' || coalesce(${sentryIssues.culprit}, '') || ' ' || coalesce(${sentryIssues.shortId}, ''))`;

/** `%text%` for ILIKE, with the pattern characters of the search taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterConditions(params: IssueListParams): (SQL | undefined)[] {
  const { project, level, environment, hasFixRun, search } = params;
  const pattern = search ? containsPattern(search) : null;
  const runExists = sql`exists (select 1 from ${fixRuns} where ${fixRuns.sentryIssueId} = ${sentryIssues.id})`;
  return [
    tabCondition(params.tab),
    project ? eq(sentryIssues.projectSlug, project) : undefined,
    level ? eq(sentryIssues.level, level) : undefined,
    environment
      ? sql`exists (select 1 from ${observations} where ${observations.sentryIssueId} = ${sentryIssues.id} and ${observations.environment} = ${environment})`
      : undefined,
    hasFixRun === true ? runExists : hasFixRun === false ? sql`not ${runExists}` : undefined,
    pattern ? sql`${issueSearchText} ilike ${pattern}` : undefined,
  ];
}

/**
 * One page of a workspace's issues in keyset order: `limit` rows after `after`. Ask for one more
 * than you show to know whether there is a next page; nothing counts the whole table.
 */
export async function listIssues(db: Db, params: IssueListParams): Promise<IssueListRow[]> {
  const { expr, cast } = SORT_KEYS[params.sort];
  const after = params.after
    ? sql`(${expr}, ${sentryIssues.id}) < (${params.after.key}::${cast}, ${params.after.id}::uuid)`
    : undefined;
  return db
    .select({
      id: sentryIssues.id,
      sentryIssueId: sentryIssues.sentryIssueId,
      shortId: sentryIssues.shortId,
      title: sentryIssues.title,
      culprit: sentryIssues.culprit,
      level: sentryIssues.level,
      status: sentryIssues.status,
      projectSlug: sentryIssues.projectSlug,
      eventCount: sentryIssues.eventCount,
      userCount: sentryIssues.userCount,
      firstSeen: sentryIssues.firstSeen,
      lastSeen: sentryIssues.lastSeen,
      sortKey: sql<string>`(${expr})::text`,
    })
    .from(sentryIssues)
    .where(and(eq(sentryIssues.workspaceId, params.workspaceId), ...filterConditions(params), after))
    .orderBy(sql`${expr} desc`, sql`${sentryIssues.id} desc`)
    .limit(params.limit);
}

export interface IssueRowExtras {
  id: string;
  release: string | null;
  latestRunId: string | null;
  latestRunStatus: string | null;
}

/** For the issues of one page: the release of the newest observation that names one, and the newest fix run. */
export async function issueRowExtras(
  db: Db,
  { workspaceId, ids }: { workspaceId: string; ids: readonly string[] },
): Promise<IssueRowExtras[]> {
  if (ids.length === 0) return [];
  // Spelled out: Drizzle prints a select field's columns without their table, which inside a
  // correlated subquery would name the inner table's columns.
  const latestRun = (column: "id::text" | "status") =>
    sql<string | null>`(${sql.raw(
      `select f.${column} from fix_runs f where f.sentry_issue_id = sentry_issues.id order by f.created_at desc limit 1`,
    )})`;
  return db
    .select({
      id: sentryIssues.id,
      release: sql<string | null>`(${sql.raw(
        "select o.release from observations o where o.sentry_issue_id = sentry_issues.id and o.release is not null order by o.occurred_at desc limit 1",
      )})`,
      latestRunId: latestRun("id::text"),
      latestRunStatus: latestRun("status"),
    })
    .from(sentryIssues)
    .where(and(eq(sentryIssues.workspaceId, workspaceId), inArray(sentryIssues.id, [...ids])));
}

/**
 * Observations per issue and hour over the 24 hours before `now`: `hoursAgo` 0 is the last hour.
 * Only the page's issues are read, through the (issue, occurred_at) index.
 */
export async function issueHourlyCounts(
  db: Db,
  { workspaceId, ids, now }: { workspaceId: string; ids: readonly string[]; now: Date },
): Promise<{ sentryIssueId: string; hoursAgo: number; count: number }[]> {
  if (ids.length === 0) return [];
  const at = now.toISOString();
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const hoursAgo = sql<number>`floor(extract(epoch from (${at}::timestamptz - ${observations.occurredAt})) / 3600)::int`;
  const rows = await db
    .select({ sentryIssueId: observations.sentryIssueId, hoursAgo, count: sql<number>`count(*)::int` })
    .from(observations)
    .where(
      and(
        inArray(observations.sentryIssueId, [...ids]),
        eq(observations.workspaceId, workspaceId),
        gt(observations.occurredAt, since),
        sql`${observations.occurredAt} <= ${at}::timestamptz`,
      ),
    )
    // By position: the hour expression carries a parameter, which PostgreSQL would not match twice.
    .groupBy(sql`1`, sql`2`);
  return rows.flatMap((row) => (row.sentryIssueId ? [{ ...row, sentryIssueId: row.sentryIssueId }] : []));
}

/**
 * The distinct non-null values of a column within a workspace, by skipping through its
 * (workspace_id, column) index one value at a time (a loose index scan in a recursive CTE): a few
 * index probes, however many rows there are.
 */
async function distinctValues(
  db: Db,
  { table, column, workspaceId, max }: { table: string; column: string; workspaceId: string; max: number },
): Promise<string[]> {
  const [t, c] = [sql.raw(table), sql.raw(column)];
  const walk = sql`(
    with recursive walk(v) as (
      (select ${c} from ${t} where workspace_id = ${workspaceId} and ${c} is not null order by ${c} limit 1)
      union all
      select (select ${c} from ${t} where workspace_id = ${workspaceId} and ${c} > walk.v order by ${c} limit 1)
      from walk where walk.v is not null
    )
    select v from walk where v is not null limit ${max}
  ) as distinct_values`;
  const rows = await db.select({ value: sql<string>`v` }).from(walk);
  return rows.map((row) => row.value);
}

/** The projects and environments a workspace's issues were seen in, for the filters (at most `max` of each). */
export async function issueFilterOptions(
  db: Db,
  { workspaceId, max = 50 }: { workspaceId: string; max?: number },
): Promise<{ projects: string[]; environments: string[] }> {
  const [projects, environments] = await Promise.all([
    distinctValues(db, { table: "sentry_issues", column: "project_slug", workspaceId, max }),
    distinctValues(db, { table: "observations", column: "environment", workspaceId, max }),
  ]);
  return { projects, environments };
}

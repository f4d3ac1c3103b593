// The dashboard benchmark's data, made set-wise with generate_series: 3 workspaces, 100,000
// issues, 1,000,000 deliveries and observations (skewed: a few issues are hot), 10,000 fix runs.
import type { Sql } from "postgres";

const ISSUES = 100_000;
const OBSERVATIONS = 1_000_000;
const HOT_PER_WORKSPACE = 10;

export interface DashboardSeed {
  ms: number;
  counts: string;
  workspaces: { id: string; slug: string }[];
  /** Per workspace (same order), its issues with the most observations. */
  hotIssues: string[][];
}

export async function seedDashboard(sql: Sql, errorCreatedBody: string): Promise<DashboardSeed> {
  const start = performance.now();
  const workspaces = await sql<{ id: string; slug: string }[]>`
    insert into workspaces (slug, name)
    values ('bench-a', 'Bench A'), ('bench-b', 'Bench B'), ('bench-c', 'Bench C')
    returning id, slug`;
  const ids = workspaces.map((w) => w.id);
  // A version-4-shaped uuid from a name: the pages accept only well-formed ids.
  await sql`
    create or replace function pg_temp.bench_uuid(name text) returns uuid language sql immutable as
    $$ select overlay(overlay(md5(name) placing '4' from 13) placing '8' from 17)::uuid $$`;
  await sql`
    insert into sentry_issues (id, workspace_id, sentry_issue_id, short_id, project_id, project_slug, title, culprit,
      level, status, platform, event_count, user_count, first_seen, last_seen, web_url)
    select pg_temp.bench_uuid('issue-' || g), (${ids}::uuid[])[1 + g % 3], 'bench-' || g, upper(p) || '-' || g, (g / 3) % 8, p,
      'TypeError: cannot read property ' || g || ' of undefined', 'app/module' || (g % 500) || '.js in handler',
      (array['fatal','error','error','error','error','error','error','error','error','error','error','error',
        'error','warning','warning','warning','warning','info','info','debug'])[1 + g % 20],
      case when g % 10 < 7 then 'unresolved' when g % 10 < 9 then 'resolved' else 'ignored' end,
      'javascript', (random() * 10000)::int, (random() * 500)::int,
      now() - interval '30 days' - random() * interval '60 days',
      now() - power(random(), 2) * interval '30 days',
      'https://sentry.io/organizations/bench/issues/' || g || '/'
    from generate_series(1, ${ISSUES}::int) g,
      lateral (select (array['web','api','worker','mobile','checkout','auth','search','billing'])[1 + (g / 3) % 8] as p) pp`;
  // A bulk load: foreign keys are not checked (the rows are made consistent), and the secondary
  // indexes of the two big tables are built once afterwards rather than row by row.
  await sql`set session_replication_role = replica`;
  await sql`set maintenance_work_mem = '256MB'`;
  const secondary = await sql<{ name: string; def: string }[]>`
    select indexname as name, indexdef as def from pg_indexes
    where tablename in ('observations', 'webhook_deliveries') and indexname not in (select conname from pg_constraint)`;
  for (const index of secondary) await sql.unsafe(`drop index "${index.name}"`);
  // Deterministic skew: issue n = 1 + 100000·u³ for a spread u in [0, 1) — small n are hot.
  // Ids derived from the row number, so observations name their delivery and issue
  // without reading them back.
  await sql`
    insert into webhook_deliveries (id, resource, action, dedup_key, headers, raw_body, status)
    select pg_temp.bench_uuid('delivery-' || g), 'error', 'created', 'bench-' || g, '{}'::jsonb, '{}', 'processed'
    from generate_series(1, ${OBSERVATIONS}::int) g`;
  await sql`
    insert into observations (workspace_id, delivery_id, sentry_issue_id, source_type, source_id, title, body,
      occurred_at, release, environment)
    select (${ids}::uuid[])[1 + n % 3], pg_temp.bench_uuid('delivery-' || k), pg_temp.bench_uuid('issue-' || n),
      case when k % 5 = 0 then 'issue.created' else 'error.created' end, 'bench-' || k, 'Error: observation ' || k, '',
      now() - power(random(), 2) * interval '30 days', 'app@1.' || (k % 50),
      (array['production','staging','development'])[1 + k % 3]
    from generate_series(1, ${OBSERVATIONS}::int) k,
      lateral (select 1 + floor(${ISSUES}::int * power(((k::bigint * 7919) % 1000003)::float8 / 1000003, 3))::int as n) nn`;
  for (const index of secondary) await sql.unsafe(index.def);
  await sql`set session_replication_role = default`;
  await sql`
    insert into fix_runs (workspace_id, sentry_issue_id, origin, status, created_at, updated_at)
    select workspace_id, id, 'suture',
      (array['awaiting_approval','running','pr_open','merged','failed','rejected'])[1 + (n / 10) % 6],
      now() - random() * interval '30 days', now() - random() * interval '30 days'
    from (select id, workspace_id, substr(sentry_issue_id, 7)::int as n from sentry_issues) s where n % 10 = 0`;
  await sql`
    insert into repositories (workspace_id, owner, name, clone_url, code_mappings)
    select id, 'acme', 'shop', 'https://github.com/acme/shop.git', '[{"stackRoot":"/Users/user/test/","sourceRoot":"src/"}]'::jsonb
    from workspaces where id = any(${ids}::uuid[])`;
  const hotIssues = await hottest(sql, ids);
  // The hot issues' newest error.created carries a real event, as Sentry delivers it.
  await sql`
    update webhook_deliveries set raw_body = ${errorCreatedBody}
    where id in (select distinct on (o.sentry_issue_id) o.delivery_id from observations o
      where o.sentry_issue_id = any(${hotIssues.flat()}::uuid[]) and o.source_type = 'error.created'
      order by o.sentry_issue_id, o.occurred_at desc)`;
  await sql`analyze`;
  const [counts] = await sql<{ issues: number; observations: number; runs: number }[]>`
    select (select count(*) from sentry_issues)::int as issues, (select count(*) from observations)::int as observations,
      (select count(*) from fix_runs)::int as runs`;
  return {
    ms: performance.now() - start,
    counts: `${counts?.issues} issues, ${counts?.observations} observations, ${counts?.runs} fix runs`,
    workspaces,
    hotIssues,
  };
}

async function hottest(sql: Sql, workspaceIds: string[]): Promise<string[][]> {
  return Promise.all(
    workspaceIds.map(async (workspaceId) => {
      const rows = await sql<{ id: string }[]>`
        select sentry_issue_id as id from observations where workspace_id = ${workspaceId}
        group by sentry_issue_id order by count(*) desc limit ${HOT_PER_WORKSPACE}`;
      return rows.map((row) => row.id);
    }),
  );
}

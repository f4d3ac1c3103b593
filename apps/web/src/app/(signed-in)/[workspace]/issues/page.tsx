import Link from "next/link";
import { getIssueList, parseIssueListQuery } from "@suture/core";
import { requireScope } from "@/server/session";
import { IssueFilters, IssueTabs } from "./_components/issue-filters";
import { issuesHref } from "./_components/issue-href";
import { IssueTable } from "./_components/issue-table";
import { NoIssues } from "./_components/no-issues";

export const dynamic = "force-dynamic";

/** The workspace's Sentry issues: tabs, filters and search in the URL, keyset pages. */
export default async function IssuesPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await requireScope((await params).workspace);
  const list = await getIssueList(scope, parseIssueListQuery(await searchParams));
  const base = `/${encodeURIComponent(scope.slug)}/issues`;
  const { query } = list;
  const filtered = Boolean(query.q ?? query.project ?? query.level ?? query.environment ?? query.fix);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Issues</h1>
        <p className="text-sm text-slate-500">Every Sentry issue of {scope.name}, as Sentry last reported it.</p>
      </div>
      <IssueTabs base={base} query={query} />
      <IssueFilters base={base} list={list} />
      {list.issues.length === 0 ? (
        <NoIssues filtered={filtered || query.tab !== "unresolved" || query.cursor !== null} />
      ) : (
        <IssueTable workspace={`/${encodeURIComponent(scope.slug)}`} issues={list.issues} now={Date.now()} />
      )}
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {query.cursor ? (
          <Link
            href={issuesHref(base, query, { cursor: null })}
            className="font-medium text-indigo-700 hover:underline"
          >
            ← First page
          </Link>
        ) : null}
        {list.nextCursor ? (
          <Link
            href={issuesHref(base, query, { cursor: list.nextCursor })}
            className="font-medium text-indigo-700 hover:underline"
          >
            More issues →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

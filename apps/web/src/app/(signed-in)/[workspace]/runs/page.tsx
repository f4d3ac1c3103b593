import { isFixRunGroup, listFixRuns } from "@suture/core";
import { requireScope } from "@/server/session";
import { RunList } from "./_components/run-list";
import { RunsEmpty } from "./_components/runs-empty";
import { StatusFilter } from "./_components/status-filter";

export const dynamic = "force-dynamic";

/** The workspace's fix runs, most recently updated first, by status group, a page at a time. */
export default async function RunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await requireScope((await params).workspace);
  const query = await searchParams;
  const group = isFixRunGroup(query.status) ? query.status : undefined;
  const cursor = typeof query.after === "string" ? query.after : undefined;
  const list = await listFixRuns(scope, { group, cursor });
  const base = `/${encodeURIComponent(scope.slug)}/runs`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Fix runs</h1>
        <p className="text-sm text-slate-500">
          Every attempt at a fix in {scope.name}, by Suture&apos;s agent or Sentry&apos;s Seer.
        </p>
      </div>
      <StatusFilter base={base} current={group} />
      {list.runs.length === 0 && !cursor ? (
        <RunsEmpty base={`/${encodeURIComponent(scope.slug)}`} filtered={group !== undefined} />
      ) : (
        <RunList
          runs={list.runs}
          workspace={scope.slug}
          now={Date.now()}
          next={
            list.next
              ? `${base}?${new URLSearchParams({ ...(group ? { status: group } : {}), after: list.next }).toString()}`
              : null
          }
          first={cursor ? `${base}${group ? `?status=${group}` : ""}` : null}
        />
      )}
    </div>
  );
}

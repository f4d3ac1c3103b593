import Link from "next/link";
import { getDeploymentsPage, parseDeploymentsQuery } from "@suture/core";
import { requireScope } from "@/server/session";
import { DeploymentsEmpty } from "./_components/deployments-empty";
import { EnvironmentTimeline } from "./_components/environment-timeline";

export const dynamic = "force-dynamic";

/** The workspace's deployments per environment, newest first, each with the issues first seen after it. */
export default async function DeploymentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await requireScope((await params).workspace);
  const query = parseDeploymentsQuery(await searchParams);
  const page = await getDeploymentsPage(scope, query);
  const base = `/${encodeURIComponent(scope.slug)}`;
  const now = Date.now();
  const empty = page.timelines.every((timeline) => timeline.deployments.length === 0);
  return (
    <div className="space-y-6">
      <div>
        {page.single ? (
          <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
            <Link href={`${base}/deployments`} className="hover:text-slate-900 hover:underline">
              Deployments
            </Link>
          </nav>
        ) : null}
        <h1 className="text-2xl font-semibold tracking-tight">
          {page.single ? `Deployments to ${query.environment ?? "no environment"}` : "Deployments"}
        </h1>
        <p className="text-sm text-slate-500">
          What shipped where in {scope.name}, newest first, and the issues first seen after each deployment.
        </p>
      </div>
      {empty && !query.before ? (
        <DeploymentsEmpty filtered={page.single} href={`${base}/deployments`} />
      ) : (
        page.timelines.map((timeline) => (
          <EnvironmentTimeline
            key={timeline.environment ?? ""}
            timeline={timeline}
            base={base}
            single={page.single}
            now={now}
          />
        ))
      )}
    </div>
  );
}

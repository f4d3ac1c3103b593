import Link from "next/link";
import { notFound } from "next/navigation";
import { getIssuePage } from "@suture/core";
import { requireScope } from "@/server/session";
import { DecisionPanel } from "../../runs/[id]/decision-panel";
import { EventDetails } from "./_components/event-details";
import { IssueHeader } from "./_components/issue-header";
import { IssueRuns } from "./_components/issue-runs";
import { IssueTimeline } from "./_components/issue-timeline";
import { ReleaseDeployment } from "./_components/release-deployment";
import { SourceNote } from "./_components/source-note";
import { StackTrace } from "./_components/stack-trace";

export const dynamic = "force-dynamic";

/**
 * One Sentry issue: its latest event's stack trace, tags, timeline, fix runs and the deployment that
 * introduced it with its suspect commits; decide a waiting run here.
 */
export default async function IssuePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace, id } = await params;
  const older = (await searchParams).older;
  const scope = await requireScope(workspace);
  const page = await getIssuePage(scope, id, { olderThan: typeof older === "string" ? older : null });
  if (page.status === "not_found") notFound();
  const now = Date.now();
  const base = `/${encodeURIComponent(scope.slug)}`;
  const here = `${base}/issues/${page.issue.id}`;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href={`${base}/issues`} className="hover:text-slate-900 hover:underline">
          Issues
        </Link>
        <span aria-hidden> / </span>
        <span className="font-mono">{page.issue.shortId ?? page.issue.sentryIssueId}</span>
      </nav>
      <IssueHeader page={page} now={now} />
      {page.awaitingRunId && page.canDecide ? (
        <DecisionPanel
          workspace={scope.slug}
          runId={page.awaitingRunId}
          waiting
          repository={page.source?.repository ?? null}
        />
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          {page.event ? (
            <StackTrace exceptions={page.event.exceptions} />
          ) : (
            <p className="rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-600">
              Sentry has not delivered an event of this issue with a stack trace (error.created or an issue alert).
            </p>
          )}
          <IssueTimeline
            timeline={page.timeline}
            olderHref={page.olderCursor ? `${here}?older=${encodeURIComponent(page.olderCursor)}` : null}
            newestHref={typeof older === "string" ? here : null}
            now={now}
          />
        </div>
        <div className="min-w-0 space-y-6">
          <IssueRuns workspace={base} runs={page.fixRuns} now={now} />
          <ReleaseDeployment deployment={page.deployment} deploymentsHref={`${base}/deployments`} now={now} />
          {page.source ? <SourceNote source={page.source} /> : null}
          {page.event ? <EventDetails event={page.event} /> : null}
        </div>
      </div>
    </div>
  );
}

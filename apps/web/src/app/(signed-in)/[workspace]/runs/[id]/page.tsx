import Link from "next/link";
import { notFound } from "next/navigation";
import { can, getFixRunPage, type WorkspaceScope } from "@suture/core";
import { LevelBadge } from "@/components/badges";
import { RunStatusBadge } from "@/components/run-status-badge";
import { TimeAgo } from "@/components/time-ago";
import { requireScope } from "@/server/session";
import { DecisionPanel } from "./decision-panel";
import { type FoundFixRun, RunDetails } from "./run-details";

export const dynamic = "force-dynamic";

/** One fix run: its issue, where it stands, who decided and when, and its timeline. */
export default async function FixRunPage({ params }: { params: Promise<{ workspace: string; id: string }> }) {
  const { workspace, id } = await params;
  const scope = await requireScope(workspace);
  const page = await getFixRunPage(scope, id);
  if (page.status === "not_found") notFound();
  const { run, issue, repository, events } = page;
  const now = Date.now();
  const repo = repository ? `${repository.owner}/${repository.name}` : null;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href={`/${encodeURIComponent(scope.slug)}`} className="hover:text-slate-900 hover:underline">
          {scope.name}
        </Link>
        <span aria-hidden> / </span>
        <span>Fix run</span>
      </nav>

      <RunHeading run={run} issue={issue} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <Decision scope={scope} run={run} repository={repo} />
          <Timeline events={events} now={now} />
          {page.diff ? <AgentChange diff={page.diff} /> : null}
        </div>

        <RunDetails run={run} issue={issue} repository={repo} now={now} />
      </div>
    </div>
  );
}

function RunHeading({ run, issue }: Pick<FoundFixRun, "run" | "issue">) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{issue.title ?? "Untitled issue"}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-500">
          <span className="font-mono">{issue.shortId ?? issue.sentryIssueId}</span>
          <LevelBadge level={issue.level} />
          {issue.culprit ? <span className="truncate font-mono text-xs">{issue.culprit}</span> : null}
          {issue.webUrl ? (
            <a
              href={issue.webUrl}
              className="font-medium text-indigo-700 hover:underline"
              rel="noreferrer"
              target="_blank"
            >
              Open in Sentry
            </a>
          ) : null}
        </p>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <span className="text-slate-500">Status</span>
        <RunStatusBadge status={run.status} />
      </div>
    </div>
  );
}

/** The decision panel for who may decide; for the others, a note while the run waits. */
function Decision({
  scope,
  run,
  repository,
}: {
  scope: WorkspaceScope;
  run: FoundFixRun["run"];
  repository: string | null;
}) {
  if (can(scope.role, "decide")) {
    return (
      <DecisionPanel
        workspace={scope.slug}
        runId={run.id}
        waiting={run.status === "awaiting_approval"}
        repository={repository}
      />
    );
  }
  return run.status === "awaiting_approval" ? (
    <p className="rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-600">
      Waiting for an approver. Your role in this workspace ({scope.role}) can read it, not decide it.
    </p>
  ) : null;
}

function Timeline({ events, now }: { events: FoundFixRun["events"]; now: number }) {
  return (
    <section aria-labelledby="timeline-title" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="timeline-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Timeline
      </h2>
      {events.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">Nothing has happened to this run yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {events.map((event) => (
            <li key={event.id} className="flex gap-4 px-4 py-2.5 text-sm">
              <span className="w-28 shrink-0 font-mono text-xs text-slate-500">{event.kind}</span>
              <span className="min-w-0 flex-1 break-words whitespace-pre-wrap">{event.message}</span>
              <span className="shrink-0 text-xs">
                <TimeAgo date={event.createdAt} now={now} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AgentChange({ diff }: { diff: string }) {
  return (
    <details className="rounded-xl border border-slate-200 bg-white">
      <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">The agent&apos;s change</summary>
      <pre className="overflow-x-auto border-t border-slate-200 bg-slate-50 p-4 font-mono text-xs text-slate-800">
        {diff}
      </pre>
    </details>
  );
}

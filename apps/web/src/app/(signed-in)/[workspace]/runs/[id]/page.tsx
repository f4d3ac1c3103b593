import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { can, getFixRunPage } from "@suture/core";
import { LevelBadge } from "@/components/badges";
import { RunStatusBadge } from "@/components/run-status-badge";
import { TimeAgo } from "@/components/time-ago";
import { requireScope } from "@/server/session";
import { DecisionPanel } from "./decision-panel";

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

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          {can(scope.role, "decide") ? (
            <DecisionPanel
              workspace={scope.slug}
              runId={run.id}
              waiting={run.status === "awaiting_approval"}
              repository={repo}
            />
          ) : run.status === "awaiting_approval" ? (
            <p className="rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-600">
              Waiting for an approver. Your role in this workspace ({scope.role}) can read it, not decide it.
            </p>
          ) : null}

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

          {page.diff ? (
            <details className="rounded-xl border border-slate-200 bg-white">
              <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">The agent&apos;s change</summary>
              <pre className="overflow-x-auto border-t border-slate-200 bg-slate-50 p-4 font-mono text-xs text-slate-800">
                {page.diff}
              </pre>
            </details>
          ) : null}
        </div>

        <section aria-labelledby="details-title" className="h-fit rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="details-title" className="text-sm font-semibold">
            Details
          </h2>
          <dl className="mt-3 space-y-3 text-sm">
            <Detail label="Approved">
              {run.approvedBy && run.approvedAt ? <Who by={run.approvedBy} at={run.approvedAt} now={now} /> : "—"}
            </Detail>
            {run.rejectedBy && run.rejectedAt ? (
              <Detail label="Rejected">
                <Who by={run.rejectedBy} at={run.rejectedAt} now={now} />
                {run.reason ? <p className="mt-0.5 text-slate-600">“{run.reason}”</p> : null}
              </Detail>
            ) : null}
            {run.reason && run.status !== "rejected" ? (
              <Detail label="Reason">
                <span className="text-red-700">{run.reason}</span>
              </Detail>
            ) : null}
            <Detail label="Repository">{repo ?? "none connected"}</Detail>
            <Detail label="Origin">{run.origin === "seer" ? "Sentry Seer" : "Suture"}</Detail>
            {run.branch ? (
              <Detail label="Branch">
                <code className="font-mono text-xs">{run.branch}</code>
              </Detail>
            ) : null}
            {run.prUrl ? (
              <Detail label="Pull request">
                <a
                  href={run.prUrl}
                  className="font-medium text-indigo-700 hover:underline"
                  rel="noreferrer"
                  target="_blank"
                >
                  {run.prNumber ? `#${run.prNumber}` : "Pull request"}
                </a>
                {[run.prState, run.checksState && `checks ${run.checksState}`, run.reviewState?.replaceAll("_", " ")]
                  .filter(Boolean)
                  .join(" · ") ? (
                  <span className="text-slate-500">
                    {" "}
                    ·{" "}
                    {[
                      run.prState,
                      run.checksState && `checks ${run.checksState}`,
                      run.reviewState?.replaceAll("_", " "),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                ) : null}
              </Detail>
            ) : null}
            <Detail label="Issue">
              {count(issue.eventCount, "event")} · {count(issue.userCount, "user")}
            </Detail>
            <Detail label="Opened">
              <TimeAgo date={run.createdAt} now={now} />
            </Detail>
            <Detail label="Run id">
              <code className="font-mono text-xs break-all">{run.id}</code>
            </Detail>
          </dl>
        </section>
      </div>
    </div>
  );
}

function count(n: number | null, noun: string): string {
  return n === null ? `? ${noun}s` : `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

function Who({ by, at, now }: { by: string; at: Date; now: number }) {
  return (
    <span data-testid="decided-by">
      by <strong className="font-medium">{by}</strong> <TimeAgo date={at} now={now} />
    </span>
  );
}

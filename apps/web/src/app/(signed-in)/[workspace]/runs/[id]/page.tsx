import Link from "next/link";
import { notFound } from "next/navigation";
import { can, getFixRunPage, type WorkspaceScope } from "@suture/core";
import { LevelBadge } from "@/components/badges";
import { RunStatusBadge } from "@/components/run-status-badge";
import { requireScope } from "@/server/session";
import { ChecksPanel } from "./_components/checks-panel";
import { LiveLog } from "./_components/live-log";
import { PullRequestCard } from "./_components/pr-card";
import { RepairPanel } from "./_components/repair-panel";
import { RunDiff } from "./_components/run-diff";
import { StageStepper } from "./_components/stage-stepper";
import { Timeline } from "./_components/timeline";
import { DecisionPanel } from "./decision-panel";
import { type FoundFixRun, RunDetails } from "./run-details";

export const dynamic = "force-dynamic";

/**
 * One fix run: its issue, its stages, who decided and when, the agent's live log, the change,
 * the checks, the pull request, and its timeline.
 */
export default async function FixRunPage({ params }: { params: Promise<{ workspace: string; id: string }> }) {
  const { workspace, id } = await params;
  const scope = await requireScope(workspace);
  const page = await getFixRunPage(scope, id);
  if (page.status === "not_found") notFound();
  const { run, issue, repository, events } = page;
  const now = Date.now();
  const repo = repository ? `${repository.owner}/${repository.name}` : null;
  const base = `/${encodeURIComponent(scope.slug)}`;
  // An approved run is about to start: its log follows it from there, so the page needs no reload.
  const following = run.status === "approved" || run.status === "running";
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href={base} className="hover:text-slate-900 hover:underline">
          {scope.name}
        </Link>
        <span aria-hidden> / </span>
        <Link href={`${base}/runs`} className="hover:text-slate-900 hover:underline">
          Fix runs
        </Link>
        <span aria-hidden> / </span>
        <span>{issue.shortId ?? "Fix run"}</span>
      </nav>

      <RunHeading run={run} issue={issue} />
      <StageStepper stages={page.stages} />
      <FailureNote run={run} events={events} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <Decision scope={scope} run={run} repository={repo} />
          {page.canRepair ? <RepairPanel workspace={scope.slug} runId={run.id} iterations={run.iterations} /> : null}
          {run.origin === "suture" && (following || page.log.length > 0) ? (
            <LiveLog
              endpoint={`/api/workspaces/${encodeURIComponent(scope.slug)}/runs/${run.id}/log`}
              initial={page.log.map((line) => line.text).join("")}
              cursor={page.logCursor}
              status={run.status}
            />
          ) : null}
          {page.files.length > 0 ? <RunDiff files={page.files} /> : null}
          <ChecksPanel checks={page.checks} tests={page.tests} />
          <Timeline events={events} now={now} />
        </div>

        <div className="min-w-0 space-y-6">
          <PullRequestCard run={run} />
          <RunDetails run={run} issue={issue} repository={repo} now={now} />
        </div>
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

/** Why a failed run stopped, in the words Suture recorded (never markup). */
function FailureNote({ run, events }: Pick<FoundFixRun, "run" | "events">) {
  if (run.status !== "failed") return null;
  const failed = events.findLast((event) => event.kind === "failed");
  const reason = run.reason ?? failed?.message ?? "The run stopped without a recorded reason.";
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <p className="font-semibold">This run failed</p>
      <p className="mt-1 break-words whitespace-pre-wrap">{reason}</p>
    </div>
  );
}

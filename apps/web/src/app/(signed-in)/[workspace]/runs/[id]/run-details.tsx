import type { ReactNode } from "react";
import type { FixRunPage } from "@suture/core";
import { TimeAgo } from "@/components/time-ago";

export type FoundFixRun = Extract<FixRunPage, { status: "found" }>;
type Run = FoundFixRun["run"];

/** The side panel of a fix run's page: who decided, where the change went, the issue's reach. */
export function RunDetails({
  run,
  issue,
  repository,
  now,
}: Pick<FoundFixRun, "run" | "issue"> & { repository: string | null; now: number }) {
  return (
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
        <Detail label="Repository">{repository ?? "none connected"}</Detail>
        <Detail label="Origin">{run.origin === "seer" ? "Sentry Seer" : "Suture"}</Detail>
        {run.branch ? (
          <Detail label="Branch">
            <code className="font-mono text-xs">{run.branch}</code>
          </Detail>
        ) : null}
        {run.prUrl ? <PullRequestDetail run={run} href={run.prUrl} /> : null}
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
  );
}

function PullRequestDetail({ run, href }: { run: Run; href: string }) {
  const state = [run.prState, run.checksState && `checks ${run.checksState}`, run.reviewState?.replaceAll("_", " ")]
    .filter(Boolean)
    .join(" · ");
  return (
    <Detail label="Pull request">
      <a href={href} className="font-medium text-indigo-700 hover:underline" rel="noreferrer" target="_blank">
        {run.prNumber ? `#${run.prNumber}` : "Pull request"}
      </a>
      {state ? <span className="text-slate-500"> · {state}</span> : null}
    </Detail>
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

import Link from "next/link";
import type { TimelineEntry } from "@suture/core";
import { DeploymentStatusBadge } from "@/components/badges";
import { CommitLink } from "@/components/commit-link";
import { TimeAgo } from "@/components/time-ago";

const DOT: Record<string, string> = {
  success: "bg-emerald-500",
  failure: "bg-red-500",
  in_progress: "bg-amber-500",
};

/** One deployment: release, status, commit, source, when, the range to GitHub, and the issues it introduced. */
export function DeploymentEntry({ deployment, base, now }: { deployment: TimelineEntry; base: string; now: number }) {
  const count = deployment.commitCount;
  return (
    <article aria-label={`Deployment of ${deployment.release}`} className="space-y-1.5 text-sm">
      <span
        aria-hidden
        className={`absolute top-1.5 -left-[5px] h-2.5 w-2.5 rounded-full ${DOT[deployment.status] ?? "bg-slate-400"}`}
      />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-mono font-semibold break-all">{deployment.release}</span>
        <DeploymentStatusBadge status={deployment.status} />
        {deployment.shortSha ? <CommitLink sha={deployment.shortSha} url={deployment.commitUrl} /> : null}
        <span className="text-xs text-slate-500">via {deployment.source}</span>
        <span className="ml-auto text-xs">
          <TimeAgo date={deployment.deployedAt} now={now} />
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
        {count !== null ? <span>{count === 1 ? "1 commit" : `${count} commits`} since the previous deploy</span> : null}
        {/* compareUrl and url are https: links (core): the range on the configured GitHub, the deployed site. */}
        {deployment.compareUrl ? (
          <a href={deployment.compareUrl} className="text-indigo-700 hover:underline" rel="noreferrer" target="_blank">
            Compare
          </a>
        ) : null}
        {deployment.url ? (
          <a href={deployment.url} className="text-indigo-700 hover:underline" rel="noreferrer" target="_blank">
            Open deployment
          </a>
        ) : null}
        {deployment.commitsError ? (
          <span className="text-amber-800">Commits not read: {deployment.commitsError}</span>
        ) : null}
      </div>
      {/* Only a successful deployment introduces issues; a failed or unfinished one shipped nothing. */}
      {deployment.status === "success" ? <Introduced introduced={deployment.introduced} base={base} /> : null}
    </article>
  );
}

function Introduced({ introduced, base }: { introduced: TimelineEntry["introduced"]; base: string }) {
  const { total, issues } = introduced;
  if (total === 0) return <p className="text-xs text-slate-500">No new issue first seen after it.</p>;
  return (
    <div className="rounded-lg bg-red-50 px-3 py-2">
      <p className="text-xs font-semibold text-red-800">
        This deploy introduced {total} new {total === 1 ? "issue" : "issues"}
      </p>
      <ul className="mt-1 space-y-0.5">
        {issues.map((issue) => (
          <li key={issue.id} className="min-w-0 text-xs">
            <Link
              href={`${base}/issues/${issue.id}`}
              className="flex min-w-0 items-baseline gap-2 text-indigo-700 hover:underline"
              title={issue.title ?? undefined}
            >
              {issue.shortId ? <span className="font-mono font-medium text-slate-700">{issue.shortId}</span> : null}
              <span className="min-w-0 truncate">{issue.title ?? "Untitled issue"}</span>
            </Link>
          </li>
        ))}
      </ul>
      {total > issues.length ? <p className="mt-1 text-xs text-slate-600">and {total - issues.length} more</p> : null}
    </div>
  );
}

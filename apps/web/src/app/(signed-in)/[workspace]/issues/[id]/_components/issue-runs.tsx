import Link from "next/link";
import type { IssuePage } from "@suture/core";
import { RunStatusBadge } from "@/components/run-status-badge";
import { TimeAgo } from "@/components/time-ago";

type Found = Extract<IssuePage, { status: "found" }>;

/** The issue's fix runs, newest first, each linking to its page. */
export function IssueRuns({ workspace, runs, now }: { workspace: string; runs: Found["fixRuns"]; now: number }) {
  return (
    <section aria-labelledby="issue-runs-title" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="issue-runs-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Fix runs
      </h2>
      {runs.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">No fix run for this issue yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {runs.map((run) => (
            <li key={run.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm">
              <RunStatusBadge status={run.status} />
              <Link href={`${workspace}/runs/${run.id}`} className="font-medium text-indigo-700 hover:underline">
                {run.origin === "seer" ? "Seer run" : "Fix run"}
              </Link>
              {/* prUrl is an https: link on the configured GitHub or null (core). */}
              {run.prUrl ? (
                <a href={run.prUrl} className="text-xs text-indigo-700 hover:underline" rel="noreferrer">
                  {run.prNumber ? `#${run.prNumber}` : "Pull request"}
                </a>
              ) : null}
              <span className="ml-auto text-xs">
                <TimeAgo date={run.createdAt} now={now} />
              </span>
              {run.reason && run.status !== "rejected" ? (
                <p className="w-full truncate text-xs text-red-700" title={run.reason}>
                  {run.reason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

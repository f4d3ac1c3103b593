import Link from "next/link";
import type { FixRunListItem } from "@suture/core";
import { RunStatusBadge } from "@/components/run-status-badge";
import { TimeAgo } from "@/components/time-ago";

/** The runs as cards, for a phone: the table's columns stacked in each card. */
export function RunCards({ runs, workspace, now }: { runs: FixRunListItem[]; workspace: string; now: number }) {
  const slug = encodeURIComponent(workspace);
  return (
    <section aria-labelledby="run-cards-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <h2 id="run-cards-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Fix runs
      </h2>
      <ul className="divide-y divide-slate-100">
        {runs.map((run) => (
          <li key={run.id} className="space-y-1 px-4 py-3 text-sm">
            <p className="flex items-center justify-between gap-2">
              <span className="flex items-center gap-2">
                <RunStatusBadge status={run.status} />
                <span className="text-xs text-slate-500">{run.origin === "seer" ? "Seer" : "Suture agent"}</span>
              </span>
              <span className="text-xs">
                <TimeAgo date={run.updatedAt} now={now} />
              </span>
            </p>
            <p className="font-medium break-words">
              <Link href={`/${slug}/runs/${run.id}`} className="hover:underline">
                {run.issue.title ?? "Untitled issue"}
              </Link>
            </p>
            <p className="text-xs break-words text-slate-500">
              <Link href={`/${slug}/issues/${run.issue.id}`} className="font-mono hover:underline">
                {run.issue.shortId ?? "issue"}
              </Link>
              {run.repository ? ` · ${run.repository}` : null}
              {run.branch ? <code className="font-mono"> · {run.branch}</code> : null}
              {run.prNumber !== null ? ` · PR #${run.prNumber}${run.prState ? ` (${run.prState})` : ""}` : null}
            </p>
            {run.reason && run.status === "failed" ? <p className="text-xs text-red-700">{run.reason}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

import Link from "next/link";
import type { IssueListItem } from "@suture/core";
import { LevelBadge } from "@/components/badges";
import { RunStatusBadge } from "@/components/run-status-badge";
import { TimeAgo } from "@/components/time-ago";
import { LevelMark } from "./level-mark";
import { Sparkline } from "./sparkline";

// Narrow screens keep the issue, its events and when it was last seen; the rest from `md` up.
const WIDE = "hidden md:table-cell";
const COLUMNS: [string, string][] = [
  ["Issue", ""],
  ["Last 24 h", WIDE],
  ["Events", "text-right"],
  ["Users", `${WIDE} text-right`],
  ["First seen", WIDE],
  ["Last seen", ""],
  ["Status", WIDE],
  ["Run", WIDE],
];
const count = new Intl.NumberFormat("en", { notation: "compact" });

export function IssueTable({ workspace, issues, now }: { workspace: string; issues: IssueListItem[]; now: number }) {
  return (
    <section aria-labelledby="issues-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <h2 id="issues-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Issues
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs tracking-wide whitespace-nowrap text-slate-500 uppercase">
            <tr>
              {COLUMNS.map(([column, className]) => (
                <th key={column} scope="col" className={`px-4 py-2 font-medium ${className}`}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {issues.map((issue) => (
              <IssueRow key={issue.id} workspace={workspace} issue={issue} now={now} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function IssueRow({ workspace, issue, now }: { workspace: string; issue: IssueListItem; now: number }) {
  const title = issue.title ?? "Untitled issue";
  return (
    <tr className="align-top">
      <td className="w-full max-w-0 min-w-40 px-4 py-2.5">
        <div className="flex gap-3">
          <LevelMark level={issue.level} />
          <div className="min-w-0">
            <p className="font-medium break-words md:truncate" title={title}>
              <Link href={`${workspace}/issues/${issue.id}`} className="hover:underline">
                {title}
              </Link>
            </p>
            {issue.culprit ? (
              <p className="truncate font-mono text-xs text-slate-500" title={issue.culprit}>
                {issue.culprit}
              </p>
            ) : null}
            <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
              <span className="font-mono">{issue.shortId ?? issue.sentryIssueId}</span>
              {issue.projectSlug ? <span>{issue.projectSlug}</span> : null}
              {issue.release ? <span className="font-mono">{issue.release}</span> : null}
              {issue.level ? <LevelBadge level={issue.level} /> : null}
            </p>
          </div>
        </div>
      </td>
      <td className={`px-4 py-2.5 ${WIDE}`}>
        <Sparkline counts={issue.sparkline} label={`Observations of ${issue.shortId ?? title}`} />
      </td>
      <td className="px-4 py-2.5 text-right tabular-nums">{count.format(issue.eventCount ?? 0)}</td>
      <td className={`px-4 py-2.5 text-right tabular-nums ${WIDE}`}>{count.format(issue.userCount ?? 0)}</td>
      <td className={`px-4 py-2.5 text-xs ${WIDE}`}>
        {issue.firstSeen ? <TimeAgo date={issue.firstSeen} now={now} /> : "—"}
      </td>
      <td className="px-4 py-2.5 text-xs">{issue.lastSeen ? <TimeAgo date={issue.lastSeen} now={now} /> : "—"}</td>
      <td className={`px-4 py-2.5 text-xs whitespace-nowrap text-slate-600 ${WIDE}`}>{issue.status ?? "unresolved"}</td>
      <td className={`px-4 py-2.5 ${WIDE}`}>
        {issue.latestRun ? (
          <Link href={`${workspace}/runs/${issue.latestRun.id}`} aria-label="Latest fix run">
            <RunStatusBadge status={issue.latestRun.status} />
          </Link>
        ) : (
          <span className="text-xs text-slate-400">—</span>
        )}
      </td>
    </tr>
  );
}

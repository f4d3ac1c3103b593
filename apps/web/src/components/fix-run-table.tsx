import Link from "next/link";
import type { Overview } from "@suture/core";
import { TablePanel } from "./table-panel";
import { TimeAgo } from "./time-ago";

const RUN_STYLES: Record<string, string> = {
  awaiting_approval: "bg-amber-50 text-amber-800 ring-amber-200",
  approved: "bg-sky-50 text-sky-700 ring-sky-200",
  running: "bg-sky-50 text-sky-700 ring-sky-200",
  root_cause: "bg-sky-50 text-sky-700 ring-sky-200",
  solution: "bg-sky-50 text-sky-700 ring-sky-200",
  coding: "bg-sky-50 text-sky-700 ring-sky-200",
  pr_open: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  merged: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};
const QUIET = "bg-slate-100 text-slate-600 ring-slate-200";
const BASE = "inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

export function FixRunTable({ runs, now }: { runs: Overview["fixRuns"]; now: number }) {
  return (
    <TablePanel id="fix-runs-title" title="Fix runs" columns={["Issue", "Status", "Pull request", "Updated"]}>
      {runs.map((run) => (
        <tr key={run.id} id={`run-${run.id}`} className="align-top target:bg-amber-50">
          <td className="w-full max-w-0 px-4 py-2.5">
            <p className="truncate font-medium" title={run.title ?? undefined}>
              <Link href={`/${encodeURIComponent(run.workspaceSlug)}/runs/${run.id}`} className="hover:underline">
                {run.title ?? "Untitled issue"}
              </Link>
            </p>
            <p className="mt-0.5 truncate text-xs text-slate-500">
              <span className="font-mono">{run.shortId ?? "—"}</span> · {run.workspaceSlug}
              {run.origin === "seer" ? " · Seer" : null} ·{" "}
              <span className="font-mono" title="fix run id">
                {run.id}
              </span>
            </p>
            {run.reason && run.status !== "rejected" ? (
              <p className="mt-1 truncate text-xs text-red-700" title={run.reason}>
                {run.reason}
              </p>
            ) : null}
          </td>
          <td className="px-4 py-2.5">
            <span className={`${BASE} ${RUN_STYLES[run.status] ?? QUIET}`}>{run.status.replaceAll("_", " ")}</span>
          </td>
          <td className="px-4 py-2.5 text-xs whitespace-nowrap">
            {/* getOverview passes prUrl only as an https: link on the configured GitHub (safeHttpsUrl). */}
            {run.prUrl ? (
              <a className="font-medium text-indigo-700 hover:underline" href={run.prUrl}>
                {run.prNumber ? `#${run.prNumber}` : "Pull request"}
              </a>
            ) : run.prNumber ? (
              <span className="font-medium">#{run.prNumber}</span>
            ) : (
              <span className="text-slate-400">—</span>
            )}
            {run.prUrl || run.prNumber ? <PrDetail run={run} /> : null}
          </td>
          <td className="px-4 py-2.5 text-xs">
            <TimeAgo date={run.updatedAt} now={now} />
          </td>
        </tr>
      ))}
    </TablePanel>
  );
}

function PrDetail({ run }: { run: Overview["fixRuns"][number] }) {
  const parts = [
    run.prState,
    run.checksState && `checks ${run.checksState}`,
    run.reviewState?.replaceAll("_", " "),
  ].filter(Boolean);
  return parts.length ? <p className="mt-0.5 text-slate-500">{parts.join(" · ")}</p> : null;
}

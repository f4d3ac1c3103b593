import Link from "next/link";
import type { Overview } from "@suture/core";
import { RunStatusBadge } from "./run-status-badge";
import { TablePanel } from "./table-panel";
import { TimeAgo } from "./time-ago";

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
            <RunStatusBadge status={run.status} />
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

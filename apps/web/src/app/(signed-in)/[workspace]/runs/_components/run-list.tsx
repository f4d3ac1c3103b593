import Link from "next/link";
import type { FixRunListItem } from "@suture/core";
import { RunStatusBadge } from "@/components/run-status-badge";
import { TablePanel } from "@/components/table-panel";
import { TimeAgo } from "@/components/time-ago";
import { RunCards } from "./run-cards";

function PullRequest({ run }: { run: FixRunListItem }) {
  const label = run.prNumber === null ? "Pull request" : `#${run.prNumber}`;
  return (
    <>
      {/* listFixRuns passes prUrl only as an https: link on the configured GitHub. */}
      {run.prUrl ? (
        <a className="font-medium text-indigo-700 hover:underline" href={run.prUrl} rel="noreferrer" target="_blank">
          {label}
        </a>
      ) : run.prNumber !== null ? (
        <span className="font-medium">{label}</span>
      ) : (
        <span className="text-slate-400">—</span>
      )}
      {run.prState ? <span className="block text-slate-500">{run.prState}</span> : null}
    </>
  );
}

function Row({ run, workspace, now }: { run: FixRunListItem; workspace: string; now: number }) {
  const slug = encodeURIComponent(workspace);
  return (
    <tr className="align-top">
      <td className="px-4 py-2.5">
        <Link
          href={`/${slug}/runs/${run.id}`}
          className="rounded-md hover:opacity-80"
          aria-label={`Run ${run.status.replaceAll("_", " ")} for ${run.issue.shortId ?? "issue"}`}
        >
          <RunStatusBadge status={run.status} />
        </Link>
        <span className="mt-1 block text-xs text-slate-500">{run.origin === "seer" ? "Seer" : "Suture agent"}</span>
      </td>
      <td className="w-full max-w-0 px-4 py-2.5">
        <p className="truncate font-medium" title={run.issue.title ?? undefined}>
          <Link href={`/${slug}/runs/${run.id}`} className="hover:underline">
            {run.issue.title ?? "Untitled issue"}
          </Link>
        </p>
        <p className="mt-0.5 truncate text-xs text-slate-500">
          <Link href={`/${slug}/issues/${run.issue.id}`} className="font-mono hover:underline">
            {run.issue.shortId ?? "issue"}
          </Link>
          {run.reason && run.status === "failed" ? <span className="text-red-700"> · {run.reason}</span> : null}
        </p>
      </td>
      <td className="px-4 py-2.5 text-xs">
        <span className="block whitespace-nowrap">{run.repository ?? "—"}</span>
        {run.branch ? (
          <code className="block max-w-48 truncate font-mono text-slate-500" title={run.branch}>
            {run.branch}
          </code>
        ) : null}
      </td>
      <td className="px-4 py-2.5 text-xs whitespace-nowrap">
        <PullRequest run={run} />
      </td>
      <td className="px-4 py-2.5 text-xs">
        <TimeAgo date={run.updatedAt} now={now} />
      </td>
    </tr>
  );
}

/** A page of runs, with the link to the next one (keyset: the URL carries where this page ended). */
export function RunList({
  runs,
  workspace,
  now,
  next,
  first,
}: {
  runs: FixRunListItem[];
  workspace: string;
  now: number;
  next: string | null;
  first: string | null;
}) {
  return (
    <div className="space-y-4">
      <div className="hidden sm:block">
        <TablePanel
          id="runs-title"
          title="Fix runs"
          columns={["Status", "Issue", "Repository · branch", "PR", "Updated"]}
          empty={runs.length === 0 ? <p className="px-4 py-6 text-sm text-slate-500">No more runs.</p> : undefined}
        >
          {runs.map((run) => (
            <Row key={run.id} run={run} workspace={workspace} now={now} />
          ))}
        </TablePanel>
      </div>
      <div className="sm:hidden">
        <RunCards runs={runs} workspace={workspace} now={now} />
      </div>
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {first ? (
          <Link href={first} className="font-medium text-indigo-700 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={next} className="font-medium text-indigo-700 hover:underline">
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

import type { FoundFixRun } from "../run-details";

const STATE_STYLE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  open: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  merged: "bg-violet-50 text-violet-700 ring-violet-200",
  closed: "bg-red-50 text-red-700 ring-red-200",
};

function Pill({ label, className }: { label: string; className: string }) {
  return (
    <span className={`inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}>
      {label}
    </span>
  );
}

/**
 * The run's pull request: number, state, review and checks. The link is the loader's `prUrl`,
 * which is null unless it is an https: link on the configured GitHub.
 */
export function PullRequestCard({ run }: { run: FoundFixRun["run"] }) {
  if (run.prNumber === null && !run.prUrl) return null;
  const title = run.prNumber === null ? "Pull request" : `Pull request #${run.prNumber}`;
  const checks = run.checksState;
  return (
    <section aria-labelledby="pr-title" className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 id="pr-title" className="text-sm font-semibold">
        {run.prUrl ? (
          <a href={run.prUrl} rel="noreferrer" target="_blank" className="text-indigo-700 hover:underline">
            {title}
          </a>
        ) : (
          title
        )}
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        {run.prState ? (
          <Pill label={run.prState} className={STATE_STYLE[run.prState] ?? STATE_STYLE.draft ?? ""} />
        ) : null}
        <Pill
          label={`review: ${run.reviewState ? run.reviewState.replaceAll("_", " ") : "none yet"}`}
          className={
            run.reviewState === "approved"
              ? "bg-emerald-50 text-emerald-700 ring-emerald-200"
              : run.reviewState === "changes_requested"
                ? "bg-amber-50 text-amber-800 ring-amber-200"
                : "bg-slate-100 text-slate-700 ring-slate-200"
          }
        />
        <Pill
          label={`checks: ${checks ?? "unknown"}`}
          className={
            checks === "success"
              ? "bg-emerald-50 text-emerald-700 ring-emerald-200"
              : checks === "failure"
                ? "bg-red-50 text-red-700 ring-red-200"
                : "bg-slate-100 text-slate-700 ring-slate-200"
          }
        />
      </div>
      {run.branch ? (
        <p className="mt-3 text-xs text-slate-500">
          from <code className="font-mono">{run.branch}</code>
        </p>
      ) : null}
    </section>
  );
}

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

/** A fix run's status as a coloured badge: waiting amber, working blue, PR indigo, merged green, failed red. */
export function RunStatusBadge({ status }: { status: string }) {
  return (
    <span
      data-testid="run-status"
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${RUN_STYLES[status] ?? QUIET}`}
    >
      {status.replaceAll("_", " ")}
    </span>
  );
}

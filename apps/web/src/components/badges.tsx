const LEVEL_STYLES: Record<string, string> = {
  fatal: "bg-red-100 text-red-800 ring-red-200",
  error: "bg-red-50 text-red-700 ring-red-200",
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  info: "bg-sky-50 text-sky-700 ring-sky-200",
  debug: "bg-slate-100 text-slate-600 ring-slate-200",
};

const STATUS_STYLES: Record<string, string> = {
  processed: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  pending: "bg-amber-50 text-amber-800 ring-amber-200",
  ignored: "bg-slate-100 text-slate-600 ring-slate-200",
  unrouted: "bg-violet-50 text-violet-700 ring-violet-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

const DEPLOYMENT_STYLES: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  in_progress: "bg-amber-50 text-amber-800 ring-amber-200",
  failure: "bg-red-50 text-red-700 ring-red-200",
};

const BASE = "inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

export function LevelBadge({ level }: { level: string | null }) {
  if (!level) return <span className="text-xs text-slate-400">—</span>;
  return <span className={`${BASE} ${LEVEL_STYLES[level] ?? LEVEL_STYLES.debug}`}>{level}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`${BASE} ${STATUS_STYLES[status] ?? STATUS_STYLES.ignored}`}>{status}</span>;
}

export function TypeBadge({ type }: { type: string }) {
  return (
    <code className="inline-block max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 align-middle font-mono text-xs text-slate-700">
      {type}
    </code>
  );
}

export function DeploymentStatusBadge({ status }: { status: string }) {
  return (
    <span className={`${BASE} ${DEPLOYMENT_STYLES[status] ?? STATUS_STYLES.ignored}`}>
      {status === "in_progress" ? "in progress" : status}
    </span>
  );
}

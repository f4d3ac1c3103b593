/** The mark and name, as every page shows them. */
export function Brand({ tagline = true }: { tagline?: boolean }) {
  return (
    <span className="flex items-center gap-3">
      <span
        aria-hidden
        className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white"
      >
        S
      </span>
      <span className="text-lg font-semibold tracking-tight">Suture</span>
      {tagline ? <span className="hidden text-sm text-slate-500 sm:inline">Sentry errors → reviewed fixes</span> : null}
    </span>
  );
}

// Only the overview streams behind a loading state: the other workspace pages decide "not found"
// before their first byte, so that answer carries a real 404 status.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <div className="h-7 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-40 animate-pulse rounded-xl bg-slate-100" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}

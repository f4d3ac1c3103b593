// The deployments page has no "not found" of its own (the workspace layout decides that before
// this boundary), so it may stream behind a loading state.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <div className="h-7 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-40 animate-pulse rounded-xl bg-slate-100" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}

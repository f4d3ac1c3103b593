/** No issue to show: the next step when nothing has arrived, or a nudge to widen the filters. */
export function NoIssues({ filtered }: { filtered: boolean }) {
  if (filtered) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
        No issue matches these filters. Clear them, or look under another tab.
      </p>
    );
  }
  return (
    <section
      aria-labelledby="no-issues-title"
      className="rounded-xl border border-dashed border-slate-300 bg-white p-8"
    >
      <h2 id="no-issues-title" className="text-lg font-semibold">
        No issues yet
      </h2>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">
        Issues appear here as Sentry reports them. To see how it looks, send the bundled sample webhooks, signed as
        Sentry signs them, from a second terminal:
      </p>
      <pre className="mt-4 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-sm text-slate-100">
        pnpm suture send --all
      </pre>
    </section>
  );
}

/** What a newcomer sees before any delivery has arrived: how to send one. */
export function EmptyState() {
  return (
    <section aria-labelledby="empty-title" className="rounded-xl border border-dashed border-slate-300 bg-white p-8">
      <h2 id="empty-title" className="text-lg font-semibold">
        No Sentry deliveries yet
      </h2>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">
        Suture is listening on <code className="font-mono text-slate-800">POST /api/sentry/webhooks</code>. Send the
        bundled sample webhooks, signed exactly as Sentry signs them, from a second terminal:
      </p>
      <pre className="mt-4 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-sm text-slate-100">
        pnpm suture send --all
      </pre>
      <p className="mt-4 max-w-2xl text-sm text-slate-600">
        To connect a real Sentry organization, create an internal integration with this server&apos;s webhook URL,
        enable the issue, error and comment webhooks, and start Suture with{" "}
        <code className="font-mono text-slate-800">SENTRY_CLIENT_SECRET</code> set to the integration&apos;s client
        secret. Then reload this page.
      </p>
    </section>
  );
}

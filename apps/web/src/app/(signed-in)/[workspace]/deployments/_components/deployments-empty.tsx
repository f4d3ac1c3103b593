import Link from "next/link";

/** No deployment recorded (in this environment): the ways to record one. */
export function DeploymentsEmpty({ filtered, href }: { filtered: boolean; href: string }) {
  return (
    <section
      aria-labelledby="deployments-empty-title"
      className="rounded-xl border border-dashed border-slate-300 bg-white p-8"
    >
      <h2 id="deployments-empty-title" className="text-lg font-semibold">
        {filtered ? "No deployment to this environment" : "No deployments recorded yet"}
      </h2>
      {filtered ? (
        <p className="mt-2 text-sm text-slate-600">
          <Link href={href} className="font-medium text-indigo-700 hover:underline">
            See every environment
          </Link>
          .
        </p>
      ) : (
        <>
          <p className="mt-2 max-w-2xl text-sm text-slate-600">
            Record each deploy to see which one introduced an issue and the commits to suspect. From CI, with a deploy
            token:
          </p>
          <pre className="mt-4 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-sm text-slate-100">
            pnpm suture deploy --env production --release &lt;release&gt; --commit &lt;sha&gt;
          </pre>
          <p className="mt-4 max-w-2xl text-sm text-slate-600">
            or <code className="font-mono text-slate-800">POST /api/deployments</code> with the token as a bearer. A
            GitHub App with <code className="font-mono text-slate-800">deployment_status</code> events, and Sentry
            releases with deploys, are recorded too.
          </p>
        </>
      )}
    </section>
  );
}

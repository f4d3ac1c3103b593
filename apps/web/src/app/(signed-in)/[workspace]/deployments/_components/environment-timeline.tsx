import Link from "next/link";
import type { EnvironmentTimeline as Timeline } from "@suture/core";
import { DeploymentEntry } from "./deployment-entry";

/** One environment's deployments, newest first, on a vertical line; older ones a page further. */
export function EnvironmentTimeline({
  timeline,
  base,
  single,
  now,
}: {
  timeline: Timeline;
  /** The workspace's path. */
  base: string;
  /** Whether the page shows this environment alone. */
  single: boolean;
  now: number;
}) {
  const name = timeline.environment ?? "No environment";
  const id = `environment-${timeline.environment ?? ""}`;
  const environment = timeline.environment ?? "";
  const older = timeline.olderCursor
    ? `${base}/deployments?${new URLSearchParams({ environment, before: timeline.olderCursor }).toString()}`
    : null;
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white">
      <h2 id={id} className="flex items-center gap-3 border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        {single ? (
          name
        ) : (
          <Link
            href={`${base}/deployments?${new URLSearchParams({ environment }).toString()}`}
            className="hover:underline"
          >
            {name}
          </Link>
        )}
      </h2>
      {timeline.deployments.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">No older deployment of this environment.</p>
      ) : (
        <ol className="relative mx-4 my-4 space-y-5 border-l border-slate-200">
          {timeline.deployments.map((deployment) => (
            <li key={deployment.id} id={`deployment-${deployment.id}`} className="relative pl-5">
              <DeploymentEntry deployment={deployment} base={base} now={now} />
            </li>
          ))}
        </ol>
      )}
      {older ? (
        <p className="border-t border-slate-200 px-4 py-3 text-sm">
          <Link href={older} className="font-medium text-indigo-700 hover:underline">
            Older deployments to {name}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

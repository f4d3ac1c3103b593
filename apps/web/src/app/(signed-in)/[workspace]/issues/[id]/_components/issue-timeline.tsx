import Link from "next/link";
import type { IssuePage } from "@suture/core";
import { TypeBadge } from "@/components/badges";
import { TimeAgo } from "@/components/time-ago";

type Found = Extract<IssuePage, { status: "found" }>;

/** Every observation of the issue, newest first, a page at a time. */
export function IssueTimeline({
  timeline,
  olderHref,
  newestHref,
  now,
}: {
  timeline: Found["timeline"];
  olderHref: string | null;
  newestHref: string | null;
  now: number;
}) {
  return (
    <section aria-labelledby="timeline-title" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="timeline-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Timeline
      </h2>
      {timeline.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">No observation of this issue.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {timeline.map((observation) => (
            <li key={observation.id} className="px-4 py-2.5 text-sm">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <TypeBadge type={observation.sourceType} />
                <span className="text-xs text-slate-500">
                  {[observation.environment, observation.release].filter(Boolean).join(" · ")}
                </span>
                <span className="ml-auto text-xs">
                  <TimeAgo date={observation.occurredAt} now={now} />
                </span>
              </div>
              <p className="mt-1 break-words">{observation.title}</p>
            </li>
          ))}
        </ol>
      )}
      {olderHref || newestHref ? (
        <p className="flex gap-4 border-t border-slate-200 px-4 py-2.5 text-sm">
          {newestHref ? (
            <Link href={newestHref} className="font-medium text-indigo-700 hover:underline">
              ← Newest
            </Link>
          ) : null}
          {olderHref ? (
            <Link href={olderHref} className="font-medium text-indigo-700 hover:underline">
              Older observations →
            </Link>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

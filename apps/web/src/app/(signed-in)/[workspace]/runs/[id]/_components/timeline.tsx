import { TimeAgo } from "@/components/time-ago";
import type { FoundFixRun } from "../run-details";

/** What happened to the run, in order (the agent's and the tests' output are shown apart). */
export function Timeline({ events, now }: { events: FoundFixRun["events"]; now: number }) {
  return (
    <section aria-labelledby="timeline-title" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="timeline-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Timeline
      </h2>
      {events.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">Nothing has happened to this run yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {events.map((event) => (
            <li key={event.id} className="flex gap-3 px-4 py-2.5 text-sm sm:gap-4">
              <span className="w-20 shrink-0 font-mono text-xs break-all text-slate-500 sm:w-28">{event.kind}</span>
              <span className="min-w-0 flex-1 break-words whitespace-pre-wrap">{event.message}</span>
              <span className="shrink-0 text-xs">
                <TimeAgo date={event.createdAt} now={now} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import type { IssueEvent } from "@suture/core";

/** The event's tags and contexts, as text. */
export function EventDetails({ event }: { event: IssueEvent }) {
  return (
    <section aria-labelledby="tags-title" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="tags-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Tags and contexts
      </h2>
      <div className="space-y-4 p-4">
        {event.tags.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5">
            {event.tags.map((tag, i) => (
              <li key={i} className="max-w-full rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs break-all">
                <span className="text-slate-500">{tag.key}</span> {tag.value}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">No tags.</p>
        )}
        {event.contexts.map((context) => (
          <div key={context.name}>
            <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{context.name}</h3>
            <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-0.5 text-xs">
              {context.entries.map((entry) => (
                <div key={entry.key} className="contents">
                  <dt className="text-slate-500">{entry.key}</dt>
                  <dd className="font-mono break-all">{entry.value}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}

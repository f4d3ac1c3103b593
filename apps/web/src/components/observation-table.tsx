import type { Overview } from "@suture/core";
import { LevelBadge, TypeBadge } from "./badges";
import { TimeAgo } from "./time-ago";

export function ObservationTable({ observations, now }: { observations: Overview["observations"]; now: number }) {
  return (
    <section aria-labelledby="observations-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <h2 id="observations-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Latest observations
      </h2>
      {observations.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">Deliveries are stored; observations appear once they are processed.</p>
      ) : (
        <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Observation</th>
              <th scope="col" className="px-4 py-2 font-medium">Level</th>
              <th scope="col" className="px-4 py-2 font-medium">Release</th>
              <th scope="col" className="px-4 py-2 font-medium">Seen</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {observations.map((o) => (
              <tr key={o.id} className="align-top">
                <td className="w-full max-w-0 px-4 py-2.5">
                  <p className="truncate font-medium text-slate-900" title={o.title}>{o.title}</p>
                  <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                    <TypeBadge type={o.sourceType} />
                    <span>{str(o.metadata.shortId) ?? str(o.metadata.projectSlug) ?? "—"}</span>
                    <span aria-hidden>·</span>
                    <span>{o.workspaceSlug}</span>
                  </p>
                </td>
                <td className="px-4 py-2.5"><LevelBadge level={str(o.metadata.level)} /></td>
                <td className="whitespace-nowrap px-4 py-2.5 text-xs text-slate-600">{o.release ?? "—"}</td>
                <td className="px-4 py-2.5 text-xs"><TimeAgo date={o.occurredAt} now={now} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

function str(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

import type { Overview } from "@suture/core";
import { StatusBadge, TypeBadge } from "./badges";
import { TimeAgo } from "./time-ago";

export function DeliveryTable({ deliveries, now }: { deliveries: Overview["deliveries"]; now: number }) {
  return (
    <section aria-labelledby="deliveries-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <h2 id="deliveries-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Latest deliveries
      </h2>
      <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Event</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium">Received</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id} className="align-top">
              <td className="w-full max-w-0 px-4 py-2.5">
                <TypeBadge type={`${d.resource}.${d.action}`} />
                {d.error ? <p className="mt-1 truncate text-xs text-slate-500" title={d.error}>{d.error}</p> : null}
              </td>
              <td className="px-4 py-2.5"><StatusBadge status={d.status} /></td>
              <td className="px-4 py-2.5 text-xs"><TimeAgo date={d.receivedAt} now={now} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}

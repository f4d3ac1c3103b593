import type { Overview } from "@suture/core";
import { StatusBadge, TypeBadge } from "./badges";
import { TablePanel } from "./table-panel";
import { TimeAgo } from "./time-ago";

export function DeliveryTable({ deliveries, now }: { deliveries: Overview["deliveries"]; now: number }) {
  return (
    <TablePanel id="deliveries-title" title="Latest deliveries" columns={["Event", "Status", "Received"]}>
      {deliveries.map((d) => (
        <tr key={d.id} className="align-top">
          <td className="w-full max-w-0 px-4 py-2.5">
            <TypeBadge type={`${d.resource}.${d.action}`} />
            {d.error ? (
              <p className="mt-1 truncate text-xs text-slate-500" title={d.error}>
                {d.error}
              </p>
            ) : null}
          </td>
          <td className="px-4 py-2.5">
            <StatusBadge status={d.status} />
          </td>
          <td className="px-4 py-2.5 text-xs">
            <TimeAgo date={d.receivedAt} now={now} />
          </td>
        </tr>
      ))}
    </TablePanel>
  );
}

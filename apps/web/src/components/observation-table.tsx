import type { Overview } from "@suture/core";
import { LevelBadge, TypeBadge } from "./badges";
import { TablePanel } from "./table-panel";
import { TimeAgo } from "./time-ago";

export function ObservationTable({ observations, now }: { observations: Overview["observations"]; now: number }) {
  const empty =
    observations.length === 0 ? (
      <p className="px-4 py-6 text-sm text-slate-500">
        Deliveries are stored; observations appear once they are processed.
      </p>
    ) : undefined;
  return (
    <TablePanel
      id="observations-title"
      title="Latest observations"
      columns={["Observation", "Level", "Release", "Seen"]}
      empty={empty}
    >
      {observations.map((o) => (
        <tr key={o.id} className="align-top">
          <td className="w-full max-w-0 px-4 py-2.5">
            <p className="truncate font-medium text-slate-900" title={o.title}>
              {o.title}
            </p>
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
              <TypeBadge type={o.sourceType} />
              <span>{o.metadata.shortId || o.metadata.projectSlug || "—"}</span>
              <span aria-hidden>·</span>
              <span>{o.workspaceSlug}</span>
            </p>
          </td>
          <td className="px-4 py-2.5">
            <LevelBadge level={o.metadata.level ?? null} />
          </td>
          <td className="px-4 py-2.5 text-xs whitespace-nowrap text-slate-600">{o.release ?? "—"}</td>
          <td className="px-4 py-2.5 text-xs">
            <TimeAgo date={o.occurredAt} now={now} />
          </td>
        </tr>
      ))}
    </TablePanel>
  );
}

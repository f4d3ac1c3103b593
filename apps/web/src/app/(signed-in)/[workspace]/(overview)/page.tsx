import { getWorkspaceOverview } from "@suture/core";
import { DeliveryTable } from "@/components/delivery-table";
import { EmptyState } from "@/components/empty-state";
import { FixRunTable } from "@/components/fix-run-table";
import { ObservationTable } from "@/components/observation-table";
import { requireScope } from "@/server/session";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ params }: { params: Promise<{ workspace: string }> }) {
  const overview = await getWorkspaceOverview(await requireScope((await params).workspace));
  const now = Date.now();
  const total = Object.values(overview.deliveryCounts).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
          <p className="text-sm text-slate-500">What Sentry sent, and what Suture made of it.</p>
        </div>
        <dl className="flex gap-6 text-sm">
          <Stat label="Observations" value={overview.observationCount} />
          <Stat label="Deliveries" value={total} />
          {Object.entries(overview.deliveryCounts).map(([status, count]) =>
            status === "processed" ? null : <Stat key={status} label={status} value={count} />,
          )}
        </dl>
      </div>
      {overview.fixRuns.length > 0 ? <FixRunTable runs={overview.fixRuns} now={now} /> : null}
      {total === 0 ? (
        <EmptyState />
      ) : (
        <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <ObservationTable observations={overview.observations} now={now} />
          <DeliveryTable deliveries={overview.deliveries} now={now} />
        </div>
      )}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-xs tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { type DeliveryDetail, getDeliveryDetail } from "@suture/core";
import { StatusBadge, TypeBadge } from "@/components/badges";
import { TimeAgo } from "@/components/time-ago";
import { requireScope } from "@/server/session";
import { ReplayButton } from "../replay-buttons";

export const dynamic = "force-dynamic";

/** One delivery: what Sentry sent (headers, raw body shown as text) and what became of it. */
export default async function DeliveryPage({ params }: { params: Promise<{ workspace: string; id: string }> }) {
  const { workspace, id } = await params;
  const scope = await requireScope(workspace);
  const delivery = await getDeliveryDetail(scope, id);
  if (!delivery) notFound();
  const base = `/${encodeURIComponent(scope.slug)}/deliveries`;
  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm font-medium text-indigo-700 hover:underline">
        ← Deliveries
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            Delivery <TypeBadge type={delivery.event} /> <StatusBadge status={delivery.status} />
          </h1>
          <p className="mt-1 font-mono text-xs break-all text-slate-500">{delivery.id}</p>
        </div>
        {delivery.canReplay ? <ReplayButton workspace={scope.slug} id={delivery.id} /> : null}
      </div>
      {delivery.unrouted ? (
        <p className="rounded-lg border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-700">
          No workspace owns this delivery yet: map its installation in Settings and it is processed there.
        </p>
      ) : null}
      {delivery.error ? (
        <p role="note" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-700">
          {delivery.error}
        </p>
      ) : null}
      <Facts delivery={delivery} />
      <section aria-labelledby="headers-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        <h2 id="headers-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
          Headers
        </h2>
        <dl className="divide-y divide-slate-100 text-sm">
          {delivery.headers.map(([name, value]) => (
            <div key={name} className="grid gap-1 px-4 py-2 sm:grid-cols-[16rem_1fr]">
              <dt className="font-mono text-xs text-slate-500">{name}</dt>
              <dd className="font-mono text-xs break-all text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="body-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        <h2 id="body-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
          Body {delivery.bodyIsJson ? "(JSON, indented)" : "(not JSON: as received)"}
        </h2>
        <pre className="max-h-[40rem] overflow-auto bg-slate-50 p-4 font-mono text-xs leading-relaxed text-slate-800">
          {delivery.body}
        </pre>
      </section>
    </div>
  );
}

function Facts({ delivery }: { delivery: DeliveryDetail }) {
  const now = Date.now();
  const facts: [string, ReactNode][] = [
    ["Received", <TimeAgo key="r" date={delivery.receivedAt} now={now} />],
    ["Processed", delivery.processedAt ? <TimeAgo key="p" date={delivery.processedAt} now={now} /> : "—"],
    ["Attempts", String(delivery.attempts)],
    ["Request ID", delivery.requestId ?? "—"],
    ["Installation", delivery.installationUuid ?? "—"],
  ];
  return (
    <dl className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-5">
      {facts.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
          <dd className="mt-1 font-mono text-xs break-all text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

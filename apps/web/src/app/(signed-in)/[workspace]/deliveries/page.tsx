import Link from "next/link";
import { type DeliveriesPage, getDeliveriesPage, parseDeliveryQuery } from "@suture/core";
import { StatusBadge, TypeBadge } from "@/components/badges";
import { TablePanel } from "@/components/table-panel";
import { TimeAgo } from "@/components/time-ago";
import { requireScope } from "@/server/session";
import { DeliveryFilters } from "./delivery-filters";
import { ReplayAllFailed } from "./replay-buttons";

export const dynamic = "force-dynamic";

type Search = Promise<{ status?: string | string[]; before?: string | string[] }>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The workspace's webhook deliveries, newest first, filtered by status in the URL. */
export default async function DeliveriesListPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Search;
}) {
  const scope = await requireScope((await params).workspace);
  const search = await searchParams;
  const query = parseDeliveryQuery({ status: first(search.status), before: first(search.before) });
  const page = await getDeliveriesPage(scope, query);
  const base = `/${encodeURIComponent(scope.slug)}/deliveries`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Deliveries</h1>
          <p className="text-sm text-slate-500">Every signed webhook Sentry sent, stored before it was answered.</p>
        </div>
        {page.failedCount !== null ? <ReplayAllFailed workspace={scope.slug} count={page.failedCount} /> : null}
      </div>
      <DeliveryFilters base={base} current={page.filter} filters={page.filters} />
      {page.filter === "unrouted" ? (
        <p className="rounded-lg border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-700">
          Unrouted deliveries belong to no workspace yet: their Sentry installation is not mapped to one, so admins of
          every workspace see them here. Map the installation in{" "}
          <Link href={`/${encodeURIComponent(scope.slug)}/settings`} className="font-medium underline">
            Settings
          </Link>{" "}
          to process them here.
        </p>
      ) : null}
      <DeliveryRows page={page} base={base} />
      <Pager page={page} base={base} before={query.before} />
    </div>
  );
}

function DeliveryRows({ page, base }: { page: DeliveriesPage; base: string }) {
  const now = Date.now();
  return (
    <TablePanel
      id="deliveries-title"
      title={
        page.filter === "all" ? "All deliveries" : `${page.filter[0]?.toUpperCase()}${page.filter.slice(1)} deliveries`
      }
      columns={["Event and error", "Status", "Received", "Request ID"]}
      empty={
        page.deliveries.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500">No deliveries here.</p>
        ) : undefined
      }
    >
      {page.deliveries.map((d) => (
        <tr key={d.id} className="align-top">
          <td className="w-full max-w-0 min-w-48 px-4 py-2.5">
            <Link
              href={`${base}/${d.id}`}
              className="rounded hover:underline"
              aria-label={`Delivery ${d.resource}.${d.action} ${d.id}`}
            >
              <TypeBadge type={`${d.resource}.${d.action}`} />
            </Link>
            {d.error ? (
              <p className="mt-1 truncate text-xs text-slate-600" title={d.error}>
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
          <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap text-slate-600">{d.requestId ?? "—"}</td>
        </tr>
      ))}
    </TablePanel>
  );
}

function Pager({ page, base, before }: { page: DeliveriesPage; base: string; before: string | null }) {
  const status = page.filter === "all" ? "" : `status=${page.filter}`;
  const href = (extra: string) => `${base}?${[status, extra].filter(Boolean).join("&")}`;
  if (!before && !page.next) return null;
  return (
    <nav aria-label="Pages" className="flex justify-between text-sm">
      {before ? (
        <Link href={href("")} className="font-medium text-indigo-700 hover:underline">
          ← Newest
        </Link>
      ) : (
        <span />
      )}
      {page.next ? (
        <Link href={href(`before=${page.next}`)} className="font-medium text-indigo-700 hover:underline">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}

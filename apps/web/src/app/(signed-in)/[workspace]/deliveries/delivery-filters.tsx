import Link from "next/link";
import type { DeliveryFilter } from "@suture/core";

const LABELS: Record<DeliveryFilter, string> = {
  all: "All",
  failed: "Failed",
  ignored: "Ignored",
  pending: "Pending",
  unrouted: "Unrouted",
};

/** The status filters, as links: the filter lives in the URL. */
export function DeliveryFilters({
  base,
  current,
  filters,
}: {
  base: string;
  current: DeliveryFilter;
  filters: DeliveryFilter[];
}) {
  return (
    <nav aria-label="Filter deliveries" className="flex flex-wrap gap-1">
      {filters.map((filter) => {
        const active = filter === current;
        return (
          <Link
            key={filter}
            href={filter === "all" ? base : `${base}?status=${filter}`}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${
              active ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100"
            }`}
          >
            {LABELS[filter]}
            {filter === "unrouted" ? <span className="sr-only"> (admins, no workspace yet)</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}

import Link from "next/link";
import type { FixRunGroup } from "@suture/core";

const GROUPS: { value: FixRunGroup | undefined; label: string }[] = [
  { value: undefined, label: "All" },
  { value: "awaiting", label: "Awaiting approval" },
  { value: "active", label: "Active" },
  { value: "pr_open", label: "PR open" },
  { value: "finished", label: "Finished" },
  { value: "failed", label: "Failed" },
];

/** The status groups as links: the filter lives in the URL (`?status=`), so it can be shared. */
export function StatusFilter({ base, current }: { base: string; current: FixRunGroup | undefined }) {
  return (
    <nav aria-label="Filter by status" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1 py-1">
        {GROUPS.map(({ value, label }) => {
          const active = value === current;
          return (
            <li key={label}>
              <Link
                href={value ? `${base}?status=${value}` : base}
                aria-current={active ? "page" : undefined}
                className={`inline-block rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap ${active ? "bg-indigo-600 text-white" : "text-slate-700 ring-1 ring-slate-200 ring-inset hover:bg-white"}`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

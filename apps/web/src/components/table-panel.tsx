import type { ReactNode } from "react";

/** A titled card holding a table: the landmark (region) screen readers and tests find by name. */
export function TablePanel({
  id,
  title,
  columns,
  empty,
  children,
}: {
  id: string;
  title: string;
  columns: string[];
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <h2 id={id} className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        {title}
      </h2>
      {empty ?? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col" className="px-4 py-2 font-medium">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

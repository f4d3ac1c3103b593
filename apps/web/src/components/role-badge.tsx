const ROLE_STYLES: Record<string, string> = {
  admin: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  approver: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  viewer: "bg-slate-100 text-slate-600 ring-slate-200",
};

export function RoleBadge({ role }: { role: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${ROLE_STYLES[role] ?? ROLE_STYLES.viewer}`}
    >
      {role}
    </span>
  );
}

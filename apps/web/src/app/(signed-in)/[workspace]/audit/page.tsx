import { notFound } from "next/navigation";
import { getAuditLog } from "@suture/core";
import { TablePanel } from "@/components/table-panel";
import { requireScope } from "@/server/session";

export const dynamic = "force-dynamic";

const ACTIONS: Record<string, string> = {
  "fix_run.approved": "approved a fix run",
  "fix_run.rejected": "rejected a fix run",
  "member.added": "added a member",
  "member.role_changed": "changed a member's role",
  "policy.changed": "changed the fix policy",
  "repository.connected": "connected a repository",
  "installation.mapped": "mapped a Sentry installation here",
  "deliveries.replayed": "replayed deliveries",
  "installation.credentials_set": "set a Sentry installation's credentials",
  "delivery.replayed": "replayed a delivery",
  "repository.updated": "changed a repository",
  "repository.removed": "disconnected a repository",
  "project.mapped": "sent a Sentry project here",
  "project.unmapped": "removed a Sentry project override",
};

/** Who did what in this workspace, newest first. Admins only; others get a 404. */
export default async function AuditPage({ params }: { params: Promise<{ workspace: string }> }) {
  const scope = await requireScope((await params).workspace);
  const log = await getAuditLog(scope);
  if (log.status === "forbidden") notFound();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="text-sm text-slate-500">Who did what in {scope.name}, and when.</p>
      </div>
      <TablePanel
        id="audit-title"
        title="Events"
        columns={["When", "Who", "What", "Target"]}
        empty={
          log.events.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-500">Nothing has been done here yet.</p>
          ) : undefined
        }
      >
        {log.events.map((event) => (
          <tr key={event.id} className="align-top">
            <td className="px-4 py-2.5 text-xs whitespace-nowrap text-slate-600">
              <time dateTime={event.createdAt.toISOString()}>
                {event.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
              </time>
            </td>
            <td className="px-4 py-2.5 font-medium whitespace-nowrap">{event.actor}</td>
            <td className="min-w-56 px-4 py-2.5">
              {ACTIONS[event.action] ?? event.action}
              <Details data={event.data} />
            </td>
            <td className="w-full max-w-0 px-4 py-2.5">
              {event.targetType === "fix_run" ? (
                <a
                  href={`/${encodeURIComponent(scope.slug)}/runs/${event.targetId}`}
                  className="font-mono text-xs text-indigo-700 hover:underline"
                >
                  {event.targetId}
                </a>
              ) : (
                <span className="truncate text-xs text-slate-700">
                  {event.targetType} <span className="font-mono">{event.targetId}</span>
                </span>
              )}
            </td>
          </tr>
        ))}
      </TablePanel>
    </div>
  );
}

function Details({ data }: { data: Record<string, unknown> }) {
  const parts = Object.entries(data)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length ? <p className="mt-0.5 text-xs text-slate-500">{parts.join(" · ")}</p> : null;
}

import { notFound } from "next/navigation";
import { listMembers } from "@suture/core";
import { RoleBadge } from "@/components/role-badge";
import { TablePanel } from "@/components/table-panel";
import { requireScope } from "@/server/session";
import { MemberForm } from "./member-form";

export const dynamic = "force-dynamic";

/** The workspace's members and their roles; admins add people and change roles here. */
export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const scope = await requireScope((await params).workspace);
  const result = await listMembers(scope);
  if (result.status === "forbidden") notFound();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
        <p className="text-sm text-slate-500">
          Viewers read; approvers also approve and reject fix runs; admins also manage members and see the audit log.
        </p>
      </div>
      <section aria-labelledby="add-member-title" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="add-member-title" className="mb-3 text-sm font-semibold">
          Add a member or change a role
        </h2>
        <MemberForm workspace={scope.slug} />
      </section>
      <TablePanel id="members-title" title="Members" columns={["Email", "Name", "Role"]}>
        {result.members.map((member) => (
          <tr key={member.userId}>
            <td className="px-4 py-2.5 font-medium">{member.email}</td>
            <td className="px-4 py-2.5 text-slate-600">{member.name}</td>
            <td className="w-full px-4 py-2.5">
              <RoleBadge role={member.role} />
            </td>
          </tr>
        ))}
      </TablePanel>
    </div>
  );
}

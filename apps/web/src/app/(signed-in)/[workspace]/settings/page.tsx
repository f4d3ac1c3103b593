import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCodeMappings, getSettingsPage } from "@suture/core";
import { requireScope } from "@/server/session";
import { AgentPanel } from "./_components/agent-panel";
import { InstallationsTable, ProjectOverrides } from "./_components/installations-panel";
import { Panel } from "./_components/panel";
import { PolicyForm } from "./_components/policy-form";
import { RepositoriesPanel } from "./_components/repositories-panel";

export const dynamic = "force-dynamic";

/** The workspace's settings: Sentry routing, repositories, the fix policy, the agent. Admins only; others get a 404. */
export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const scope = await requireScope((await params).workspace);
  const settings = await getSettingsPage(scope);
  if (settings.status === "forbidden") notFound();
  const base = `/${encodeURIComponent(scope.slug)}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-slate-500">
          Every change here is recorded in the{" "}
          <Link href={`${base}/audit`} className="font-medium text-indigo-700 hover:underline">
            audit log
          </Link>
          . People and roles are on{" "}
          <Link href={`${base}/members`} className="font-medium text-indigo-700 hover:underline">
            Members
          </Link>
          .
        </p>
      </div>
      <Panel
        id="installations-title"
        title="Sentry installations"
        description="Deliveries of an installation mapped to no workspace wait as unrouted; mapping it here processes them in this workspace."
      >
        <InstallationsTable workspace={scope.slug} installations={settings.installations} />
        <h3 className="pt-2 text-sm font-semibold">Per-project overrides</h3>
        <ProjectOverrides
          workspace={scope.slug}
          overrides={settings.overrides.map((o) => ({
            id: o.id,
            installationUuid: o.installationUuid,
            projectSlug: o.projectSlug,
            projectId: o.projectId,
          }))}
        />
      </Panel>
      <Panel id="repositories-title" title="Repositories" description="Where fix runs clone, test and push.">
        <RepositoriesPanel
          workspace={scope.slug}
          repositories={settings.repositories.map((r) => ({
            id: r.id,
            fullName: `${r.owner}/${r.name}`,
            cloneUrl: r.cloneUrl,
            defaultBranch: r.defaultBranch,
            codeMappings: formatCodeMappings(r.codeMappings),
            testCommand: r.testCommand ?? "",
          }))}
        />
      </Panel>
      <Panel id="policy-title" title="Fix policy and budgets" description="How fix runs start and what bounds them.">
        <PolicyForm workspace={scope.slug} policy={settings.policy} />
      </Panel>
      <Panel id="agent-title" title="Coding agent" description="Read-only: the server's configuration decides it.">
        <AgentPanel agent={settings.agent} />
      </Panel>
    </div>
  );
}

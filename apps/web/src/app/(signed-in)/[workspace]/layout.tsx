import Link from "next/link";
import type { ReactNode } from "react";
import { can } from "@suture/core";
import { Brand } from "@/components/brand";
import { NavLink } from "@/components/nav-link";
import { RoleBadge } from "@/components/role-badge";
import { SignOutButton } from "@/components/sign-out-button";
import { WorkspaceSwitcher } from "@/components/workspace-switcher";
import { myWorkspaces, requireScope } from "@/server/session";

/** A workspace's pages: its membership is loaded once per request; not a member → 404. */
export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const scope = await requireScope((await params).workspace);
  const workspaces = await myWorkspaces();
  const base = `/${encodeURIComponent(scope.slug)}`;
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-6 py-3">
          <Link href={base} className="rounded-md">
            <Brand />
          </Link>
          <nav aria-label="Workspace" className="flex flex-wrap items-center gap-1">
            <NavLink href={base} exact>
              Overview
            </NavLink>
            <NavLink href={`${base}/issues`}>Issues</NavLink>
            <NavLink href={`${base}/runs`}>Fix runs</NavLink>
            <NavLink href={`${base}/deployments`}>Deployments</NavLink>
            <NavLink href={`${base}/deliveries`}>Deliveries</NavLink>
            {can(scope.role, "admin") ? <NavLink href={`${base}/settings`}>Settings</NavLink> : null}
            {can(scope.role, "admin") ? <NavLink href={`${base}/members`}>Members</NavLink> : null}
            {can(scope.role, "admin") ? <NavLink href={`${base}/audit`}>Audit log</NavLink> : null}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <WorkspaceSwitcher current={scope.slug} workspaces={workspaces} />
            <span className="hidden text-sm text-slate-600 md:inline" title="Signed in as">
              {scope.user.email}
            </span>
            <RoleBadge role={scope.role} />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </>
  );
}

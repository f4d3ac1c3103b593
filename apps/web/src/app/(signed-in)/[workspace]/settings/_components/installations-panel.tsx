"use client";

import type { InstallationRow } from "@suture/core";
import { addOverrideAction, mapInstallationAction, removeOverrideAction } from "../actions";
import { credentialsLine, InstallationCredentials } from "./installation-credentials";
import { DANGER, PRIMARY, SECONDARY } from "@/components/button-styles";
import { FIELD, Field, FormError, formValues, useSettingsAction } from "./form-kit";

export interface OverrideRow {
  id: string;
  installationUuid: string | null;
  projectSlug: string | null;
  projectId: string | null;
}

type Mapped = { status: string; error?: string; requeued?: number };

function mappedMessage(result: Mapped, what: string): string | null {
  if (result.status !== "mapped") return null;
  const requeued = result.requeued ?? 0;
  return `${what}; ${requeued} unrouted ${requeued === 1 ? "delivery is" : "deliveries are"} being processed again.`;
}

/** Sentry installations: those mapped here, and those no workspace owns yet (map them here). */
export function InstallationsTable({
  workspace,
  installations,
}: {
  workspace: string;
  installations: InstallationRow[];
}) {
  const map = useSettingsAction(mapInstallationAction, (r) =>
    mappedMessage(r, "Installation mapped to this workspace"),
  );
  if (installations.length === 0) {
    return <p className="text-sm text-slate-500">No Sentry installation has delivered anything yet.</p>;
  }
  return (
    <div className="space-y-2">
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {installations.map((i) => (
          <li key={i.uuid} className="flex flex-wrap items-center gap-3 px-3 py-2.5 text-sm">
            <div className="min-w-0 flex-1 basis-64">
              <p className="font-mono text-xs break-all">{i.uuid}</p>
              <p className="text-xs text-slate-500">
                {i.orgSlug ? `organization ${i.orgSlug}` : "organization unknown"}
                {i.status === "deleted" ? " · uninstalled" : ""}
                {i.unrouted > 0 ? ` · ${i.unrouted} unrouted ${i.unrouted === 1 ? "delivery" : "deliveries"}` : ""}
              </p>
              {i.mapped ? <p className="text-xs text-slate-500">{credentialsLine(i)}</p> : null}
            </div>
            {i.mapped ? (
              <span className="text-xs font-medium text-emerald-700">
                Mapped here{i.autoRouted ? " (automatically)" : ""}
              </span>
            ) : (
              <button
                type="button"
                className={PRIMARY}
                disabled={map.pending}
                aria-label={`Map installation ${i.uuid} to ${workspace}`}
                onClick={() => map.run({ workspace, installationUuid: i.uuid })}
              >
                Map to this workspace
              </button>
            )}
            {i.mapped ? <InstallationCredentials workspace={workspace} installation={i} /> : null}
          </li>
        ))}
      </ul>
      <FormError error={map.error} />
    </div>
  );
}

/** Per-project overrides: a Sentry project's deliveries come here whatever its installation's mapping. */
export function ProjectOverrides({ workspace, overrides }: { workspace: string; overrides: OverrideRow[] }) {
  const add = useSettingsAction(addOverrideAction, (r) => mappedMessage(r, "Project override added"));
  const remove = useSettingsAction(removeOverrideAction, (r) =>
    r.status === "removed" ? "Project override removed." : null,
  );
  return (
    <div className="space-y-3">
      {overrides.length > 0 ? (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {overrides.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
              <span className="flex-1">
                project <strong>{o.projectSlug ?? `#${o.projectId ?? "?"}`}</strong>
                <span className="text-slate-500">
                  {" "}
                  · {o.installationUuid ? `installation ${o.installationUuid}` : "any installation"}
                </span>
              </span>
              <button
                type="button"
                className={DANGER}
                disabled={remove.pending}
                onClick={() => remove.run({ workspace, id: o.id })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="grid gap-3 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          add.run({ ...formValues(form), workspace }, () => form.reset());
        }}
      >
        <Field id="override-slug" label="Project slug">
          <input id="override-slug" name="projectSlug" className={FIELD} placeholder="front-end" />
        </Field>
        <Field id="override-id" label="or project id">
          <input id="override-id" name="projectId" inputMode="numeric" className={FIELD} />
        </Field>
        <Field id="override-installation" label="Installation" hint="(blank: any)">
          <input id="override-installation" name="installationUuid" className={FIELD} autoComplete="off" />
        </Field>
        <button type="submit" className={SECONDARY} disabled={add.pending}>
          Add override
        </button>
        <div className="sm:col-span-4">
          <FormError error={add.error ?? remove.error} />
        </div>
      </form>
    </div>
  );
}

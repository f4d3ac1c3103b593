"use client";

import type { InstallationRow } from "@suture/core";
import { saveCredentialsAction } from "../actions";
import { SECONDARY } from "@/components/button-styles";
import { FIELD, Field, FormError, formValues, useSettingsAction } from "./form-kit";

/** What the installation has: a token's last 4 characters at most, never a secret. */
export function credentialsLine(i: Pick<InstallationRow, "token" | "clientSecret">): string {
  const token = !i.token
    ? "no token of its own (SENTRY_AUTH_TOKEN applies)"
    : "hint" in i.token
      ? `token ${i.token.hint}`
      : `token unreadable: ${i.token.unreadable}`;
  return `${token} · ${i.clientSecret ? "client secret set" : "no client secret of its own"}`;
}

/**
 * An installation's own Sentry credentials (another organization): blank fields keep what is
 * stored, which is never shown again. Password inputs, so the browser does not echo them.
 */
export function InstallationCredentials({
  workspace,
  installation,
}: {
  workspace: string;
  installation: InstallationRow;
}) {
  const save = useSettingsAction(saveCredentialsAction, (r) =>
    r.status === "saved" ? "Sentry credentials saved." : null,
  );
  const id = (name: string) => `credentials-${installation.uuid}-${name}`;
  return (
    <details className="basis-full text-sm">
      <summary className="cursor-pointer text-xs font-medium text-indigo-700">Sentry credentials</summary>
      <form
        className="mt-2 grid gap-3 sm:grid-cols-3 sm:items-end"
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          save.run({ ...formValues(form), workspace, installationUuid: installation.uuid }, () => form.reset());
        }}
      >
        <Field id={id("org")} label="Organization slug">
          <input id={id("org")} name="org" className={FIELD} placeholder={installation.orgSlug ?? "acme"} />
        </Field>
        <Field id={id("token")} label="API token" hint="(blank: keep)">
          <input id={id("token")} name="token" type="password" className={FIELD} autoComplete="new-password" />
        </Field>
        <Field id={id("secret")} label="Client secret" hint="(blank: keep)">
          <input id={id("secret")} name="clientSecret" type="password" className={FIELD} autoComplete="new-password" />
        </Field>
        <label className="flex items-center gap-2 text-xs text-slate-600">
          <input type="checkbox" name="removeToken" /> Remove its token
        </label>
        <label className="flex items-center gap-2 text-xs text-slate-600">
          <input type="checkbox" name="removeClientSecret" /> Remove its client secret
        </label>
        <button type="submit" className={SECONDARY} disabled={save.pending}>
          Save credentials
        </button>
        <div className="sm:col-span-3">
          <FormError error={save.error} />
        </div>
      </form>
    </details>
  );
}

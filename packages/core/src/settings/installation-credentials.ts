import { getInstallation, setInstallationCredentials } from "@suture/db";
import { z } from "zod";
import { auditAdminChange } from "../audit/audit-admin-change.ts";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { forgetInstallationSecrets } from "../ingest/sentry/installation-secrets.ts";
import {
  installationCredentialsSchema,
  NOTHING_GIVEN,
  sealedCredentials,
} from "../sentry-installations/set-installation-credentials.ts";

const blankIsKeep = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const checked = z.union([z.literal("on"), z.literal("true"), z.literal(""), z.boolean()]).optional();

/** The settings form: a blank field keeps what is stored; the boxes remove a token or a secret. */
export const installationCredentialsInput = z.object({
  installationUuid: z.uuid({ error: "not an installation id" }),
  token: z.preprocess(blankIsKeep, z.string().optional()),
  clientSecret: z.preprocess(blankIsKeep, z.string().optional()),
  org: z.preprocess(blankIsKeep, z.string().optional()),
  removeToken: checked,
  removeClientSecret: checked,
});

export type CredentialsChangeResult =
  { status: "saved"; changed: string[] } | { status: "forbidden" | "not_found" | "invalid"; error: string };

const on = (value: unknown) => value === "on" || value === "true" || value === true;

/**
 * An admin gives an installation mapped to this workspace its own Sentry token and client secret
 * (stored sealed, never shown again) or organization; audited with what changed, not the values.
 */
export async function saveInstallationCredentials(
  scope: WorkspaceScope,
  input: z.infer<typeof installationCredentialsInput>,
): Promise<CredentialsChangeResult> {
  if (!can(scope.role, "admin")) return { status: "forbidden", error: "only admins set Sentry credentials" };
  const parsed = installationCredentialsSchema.safeParse({
    uuid: input.installationUuid,
    token: on(input.removeToken) ? null : input.token,
    clientSecret: on(input.removeClientSecret) ? null : input.clientSecret,
    org: input.org,
  });
  if (!parsed.success) return { status: "invalid", error: parsed.error.issues.map((i) => i.message).join("; ") };
  const db = await getDb();
  const installation = await getInstallation(db, { uuid: parsed.data.uuid });
  if (!installation || installation.workspaceId !== scope.workspaceId) {
    return { status: "not_found", error: "no installation with this id is mapped to this workspace" };
  }
  const { values, changed } = sealedCredentials(parsed.data);
  if (changed.length === 0) return { status: "invalid", error: NOTHING_GIVEN };
  await db.transaction(async (tx) => {
    await setInstallationCredentials(tx, values);
    await auditAdminChange(tx, scope, {
      action: "installation.credentials_set",
      targetType: "installation",
      targetId: parsed.data.uuid,
      data: { changed },
    });
  });
  forgetInstallationSecrets();
  return { status: "saved", changed };
}

import { setInstallationCredentials as store } from "@suture/db";
import { z } from "zod";
import { getDb } from "../database.ts";
import { forgetInstallationSecrets } from "../ingest/sentry/installation-secrets.ts";
import { sealSecret } from "./secret-box.ts";

const secret = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(512, `${what} is longer than 512 characters`)
    .regex(/^[\x21-\x7e]+$/, `${what} must be printable ASCII without spaces`);

export const installationCredentialsSchema = z.object({
  uuid: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "the installation uuid must be a UUID"),
  /** Undefined keeps the stored one; null removes it (SENTRY_AUTH_TOKEN applies again). */
  token: secret("the token").nullish(),
  clientSecret: secret("the client secret").nullish(),
  org: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/i, "the organization slug must be letters, digits, - and _ (up to 50)")
    .nullish(),
});

export type InstallationCredentialsInput = z.input<typeof installationCredentialsSchema>;

export type SetCredentialsResult =
  | { status: "saved"; uuid: string; changed: ("token" | "clientSecret" | "org")[] }
  | { status: "invalid"; error: string };

/**
 * Stores a Sentry installation's own token and client secret (multi-organization setups),
 * sealed with the server's key; neither is ever returned. The next webhook signed with the new
 * secret verifies at once.
 */
export async function setInstallationCredentials(input: InstallationCredentialsInput): Promise<SetCredentialsResult> {
  const parsed = installationCredentialsSchema.safeParse(input);
  if (!parsed.success) return { status: "invalid", error: parsed.error.issues.map((i) => i.message).join("; ") };
  const sealed = sealedCredentials(parsed.data);
  if (sealed.changed.length === 0) return { status: "invalid", error: NOTHING_GIVEN };
  await store(await getDb(), sealed.values);
  forgetInstallationSecrets();
  return { status: "saved", uuid: parsed.data.uuid, changed: sealed.changed };
}

export const NOTHING_GIVEN = "give a token, a client secret or an organization";

/** What to store for valid input: the secrets sealed; which of the three it changes. */
export function sealedCredentials({ uuid, token, clientSecret, org }: z.output<typeof installationCredentialsSchema>) {
  const changed = (["token", "clientSecret", "org"] as const).filter(
    (key) => ({ token, clientSecret, org })[key] !== undefined,
  );
  const values = {
    uuid,
    ...(token !== undefined ? { authToken: token === null ? null : sealSecret(token) } : {}),
    ...(clientSecret !== undefined ? { clientSecret: clientSecret === null ? null : sealSecret(clientSecret) } : {}),
    ...(org !== undefined ? { orgSlug: org } : {}),
  };
  return { values, changed: [...changed] };
}

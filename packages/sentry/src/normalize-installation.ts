import { parseData } from "./payload-error.ts";
import { installationDataSchema } from "./schemas/installation.ts";
import type { Normalized, SentryEnvelope } from "./types.ts";

/** `installation.created|deleted`: the app was installed in or removed from an organization. */
export function normalizeInstallation(envelope: SentryEnvelope): Normalized {
  const action = envelope.action;
  if (action !== "created" && action !== "deleted")
    return { status: "ignored", reason: `unhandled event installation.${action}` };
  const { installation } = parseData(installationDataSchema, envelope.data, `installation.${action}`);
  return {
    status: "installation",
    action,
    installationUuid: installation.uuid,
    orgSlug: installation.organization?.slug ?? null,
    appSlug: installation.app?.slug ?? null,
  };
}

import type { DeliveryInput } from "@suture/db";
import { dedupKey, type ListedIssue, parseEnvelope } from "@suture/sentry";
import { MAX_BODY_BYTES } from "../ingest/receive-result.ts";

/** Observations made from a recovered delivery carry this source, not `sentry`. */
export const SYNC_SOURCE = "sentry-sync";
/** The header a recovered delivery is marked with (no webhook's stored headers can carry it). */
export const SYNC_HEADER = "suture-source";

export type RecoveryKind = "new" | "regression";

/**
 * The delivery Sentry would have sent for an issue Suture missed: `issue.created` for a new one,
 * `issue.unresolved` for a regression, in the webhook's envelope and under the webhook's dedup key
 * — so the webhook, if it comes after all, is a duplicate of this one and adds nothing.
 */
export function recoveredDelivery(
  listed: ListedIssue,
  kind: RecoveryKind,
  installationUuid: string | null,
): { status: "ok"; values: DeliveryInput } | { status: "too_large" } {
  const action = kind === "new" ? "created" : "unresolved";
  const body = {
    action,
    installation: installationUuid ? { uuid: installationUuid } : null,
    data: { issue: listed.raw },
    actor: { type: "application", id: SYNC_SOURCE, name: "Suture's Sentry sync" },
  };
  const rawBody = JSON.stringify(body);
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) return { status: "too_large" };
  const parsed = parseEnvelope(JSON.parse(rawBody));
  if (parsed.status === "invalid") throw new Error(`a recovered envelope is invalid: ${parsed.error}`);
  return {
    status: "ok",
    values: {
      source: "sentry",
      resource: "issue",
      action,
      requestId: null,
      installationUuid,
      dedupKey: dedupKey("issue", parsed.envelope),
      headers: { [SYNC_HEADER]: SYNC_SOURCE, "sentry-hook-resource": "issue" },
      rawBody,
      status: "pending",
    },
  };
}

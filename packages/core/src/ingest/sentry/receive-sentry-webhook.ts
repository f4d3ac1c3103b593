import { insertDelivery } from "@suture/db";
import {
  canonicalResource,
  dedupKey,
  isKnownEvent,
  isSentryResource,
  opaqueEnvelope,
  parseEnvelope,
  type SentryEnvelope,
  verifySignature,
} from "@suture/sentry";
import { clientSecrets } from "../../config.ts";
import { withDatabase } from "../../database.ts";
import { installationSecrets } from "./installation-secrets.ts";
import {
  isPlainName,
  MAX_BODY_BYTES,
  parseBody,
  pickHeaders,
  type ReceiveResult,
  reject,
  unavailable,
} from "../receive-result.ts";

const KEPT_HEADERS = [
  "content-type",
  "request-id",
  "sentry-hook-resource",
  "sentry-hook-timestamp",
  "sentry-hook-signature",
  "sentry-app-signature",
  "user-agent",
];

/**
 * Verifies and stores one Sentry delivery. Only verify + store happen here, so the answer
 * goes back well inside Sentry's one-second budget; processing runs afterwards.
 *
 * A body that verifies is stored and answered 202 (200 for a redelivery), or refused with a 400
 * that names what makes it no Sentry envelope — never for a resource Suture does not know, which
 * is stored as ignored whatever its body; an unreachable database is a 503 within a few
 * hundred milliseconds (see withDatabase). Every text going into the row is storable as it is:
 * the envelope's action and installation uuid are checked (PostgreSQL refuses U+0000), header
 * values cannot hold NUL, and the raw body — stored exactly as received — decoded as UTF-8 and
 * parsed as JSON, which rules out a raw NUL and a lone surrogate.
 */
export async function receiveSentryWebhook(rawBody: Uint8Array, headers: Headers): Promise<ReceiveResult> {
  if (rawBody.byteLength > MAX_BODY_BYTES) {
    return reject(413, `body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  const resource = headers.get("sentry-hook-resource")?.trim();
  if (!resource) return reject(400, "missing Sentry-Hook-Resource header");
  if (!isPlainName(resource))
    return reject(400, "Sentry-Hook-Resource must be 1-64 printable ASCII characters without spaces");
  const signature = headers.get("sentry-hook-signature") ?? headers.get("sentry-app-signature");
  if (!signature) return reject(401, "missing Sentry-Hook-Signature header");

  const secrets = clientSecrets();
  if (!verifySignature(rawBody, signature, secrets)) {
    const stored = await withDatabase(() => installationSecrets());
    if (stored.status === "unavailable") return unavailable();
    if (!verifySignature(rawBody, signature, stored.value)) {
      return secrets.length + stored.value.length === 0
        ? reject(401, "no Sentry client secret is configured on this server (set SENTRY_CLIENT_SECRET)")
        : reject(401, "signature does not match the body under any configured client secret");
    }
  }

  const body = parseBody(rawBody);
  if (body.status === "rejected") return body.result;
  const { text, json } = body;
  const parsed = envelopeOf(resource, json);
  if ("error" in parsed) return reject(400, parsed.error);
  const { envelope } = parsed;

  const known = isKnownEvent(resource, envelope.action);
  const values = {
    source: "sentry" as const,
    resource,
    action: envelope.action,
    requestId: headers.get("request-id"),
    installationUuid: envelope.installationUuid,
    dedupKey: dedupKey(resource, envelope),
    headers: pickHeaders(headers, KEPT_HEADERS),
    rawBody: text,
    status: known ? ("pending" as const) : ("ignored" as const),
    error: known ? null : `unhandled event ${resource}.${envelope.action}${parsed.note}`,
  };
  const result = await withDatabase((db) => insertDelivery(db, values));
  if (result.status === "unavailable") return unavailable();
  return result.value.status === "inserted"
    ? { status: "stored", deliveryId: result.value.id, ignored: !known }
    : { status: "duplicate", deliveryId: result.value.id };
}

/**
 * The delivery's envelope. A resource Sentry documents must be one (else 400, naming what is
 * wrong); one Suture does not know (Sentry adds some, e.g. `activity_alert`) is stored as ignored
 * whatever its body, never refused; `note` says what was not as expected.
 */
function envelopeOf(resource: string, json: unknown): { envelope: SentryEnvelope; note: string } | { error: string } {
  const parsed = parseEnvelope(json);
  if (parsed.status === "valid") return { envelope: parsed.envelope, note: "" };
  if (isSentryResource(canonicalResource(resource))) return { error: parsed.error };
  return { envelope: opaqueEnvelope(json), note: ` (${parsed.error})` };
}

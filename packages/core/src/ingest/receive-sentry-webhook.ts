import { insertDelivery, isDatabaseUnavailable } from "@suture/db";
import { dedupKey, isKnownEvent, parseEnvelope, verifySignature } from "@suture/sentry";
import { clientSecrets } from "../config.ts";
import { getDb } from "../database.ts";
import { installationSecrets } from "./installation-secrets.ts";
import { MAX_BODY_BYTES, parseBody, pickHeaders, type ReceiveResult, reject, unavailable } from "./receive-result.ts";


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
 */
export async function receiveSentryWebhook(rawBody: Uint8Array, headers: Headers): Promise<ReceiveResult> {
  if (rawBody.byteLength > MAX_BODY_BYTES) {
    return reject(413, `body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  const resource = headers.get("sentry-hook-resource")?.trim();
  if (!resource) return reject(400, "missing Sentry-Hook-Resource header");
  const signature = headers.get("sentry-hook-signature") ?? headers.get("sentry-app-signature");
  if (!signature) return reject(401, "missing Sentry-Hook-Signature header");

  const secrets = clientSecrets();
  try {
    if (!verifySignature(rawBody, signature, secrets)) {
      const stored = await installationSecrets();
      if (!verifySignature(rawBody, signature, stored)) {
        return secrets.length + stored.length === 0
          ? reject(401, "no Sentry client secret is configured on this server (set SENTRY_CLIENT_SECRET)")
          : reject(401, "signature does not match the body under any configured client secret");
      }
    }
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    throw error;
  }

  const body = parseBody(rawBody);
  if (!body.ok) return body.result;
  const { text, json } = body;
  const parsed = parseEnvelope(json);
  if (!parsed.ok) return reject(400, parsed.error);
  const { envelope } = parsed;

  const known = isKnownEvent(resource, envelope.action);
  try {
    const db = await getDb();
    const result = await insertDelivery(db, {
      source: "sentry",
      resource,
      action: envelope.action,
      requestId: headers.get("request-id"),
      installationUuid: envelope.installationUuid,
      dedupKey: dedupKey(resource, envelope),
      headers: pickHeaders(headers, KEPT_HEADERS),
      rawBody: text,
      status: known ? "pending" : "ignored",
      error: known ? null : `unhandled event ${resource}.${envelope.action}`,
    });
    return result.inserted
      ? { status: "stored", deliveryId: result.id, ignored: !known }
      : { status: "duplicate", deliveryId: result.id };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    throw error;
  }
}

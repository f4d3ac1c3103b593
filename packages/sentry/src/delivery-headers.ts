import { signBody } from "./verify-signature.ts";

/** The version Suture's tools claim to be when they send like Sentry does. */
const USER_AGENT = "sentry/25.6.0 (https://sentry.io)";

/**
 * The headers Sentry sends with a webhook body: a fresh Request-ID and timestamp on every
 * attempt (retries included) and the signature over these exact bytes.
 */
export function deliveryHeaders(resource: string, body: Uint8Array | string, secret: string): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "Request-ID": crypto.randomUUID().replaceAll("-", ""),
    "Sentry-Hook-Resource": resource,
    "Sentry-Hook-Timestamp": String(Math.floor(Date.now() / 1000)),
    "Sentry-Hook-Signature": signBody(body, secret),
    "User-Agent": USER_AGENT,
  };
}

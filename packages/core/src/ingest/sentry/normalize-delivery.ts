import type { Delivery } from "@suture/db";
import { type Normalized, normalize, parseEnvelope, SentryPayloadError } from "@suture/sentry";

export type NormalizedDelivery = Normalized | { status: "failed"; reason: string };

/** What a stored delivery means, or why it means nothing. Pure: no database. */
export function normalizeDelivery(delivery: Delivery): NormalizedDelivery {
  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody);
  } catch (error) {
    return { status: "failed", reason: `stored body is not JSON: ${(error as Error).message}` };
  }
  const parsed = parseEnvelope(json);
  if (parsed.status === "invalid") return { status: "failed", reason: parsed.error };
  try {
    return normalize(delivery.resource, parsed.envelope, { receivedAt: delivery.receivedAt.toISOString() });
  } catch (error) {
    if (error instanceof SentryPayloadError) return { status: "failed", reason: error.message };
    throw error;
  }
}

import { insertDelivery, isDatabaseUnavailable } from "@suture/db";
import { verifyGithubSignature } from "@suture/github";
import { getDb } from "../database.ts";
import { env } from "../env.ts";
import { MAX_BODY_BYTES, parseBody, pickHeaders, type ReceiveResult, reject, unavailable } from "../ingest/receive-result.ts";

/** Events whose deliveries are processed; anything else (ping included) is stored as ignored. */
const FOLLOWED_EVENTS = new Set(["pull_request", "pull_request_review", "check_suite", "check_run", "status"]);

const KEPT_HEADERS = [
  "content-type",
  "user-agent",
  "x-github-event",
  "x-github-delivery",
  "x-github-hook-id",
  "x-github-hook-installation-target-id",
  "x-github-hook-installation-target-type",
  "x-hub-signature-256",
];

const lenient = new TextDecoder("utf-8");

/**
 * Verifies and stores one GitHub delivery; processing happens afterwards, so GitHub gets its
 * answer well inside its ten-second budget. A redelivery (same X-GitHub-Delivery) is a
 * duplicate of the original.
 */
export async function receiveGithubWebhook(rawBody: Uint8Array, headers: Headers): Promise<ReceiveResult> {
  if (rawBody.byteLength > MAX_BODY_BYTES) return reject(413, `body is larger than ${MAX_BODY_BYTES} bytes`);
  const event = headers.get("x-github-event")?.trim();
  if (!event) return reject(400, "missing X-GitHub-Event header");
  const guid = headers.get("x-github-delivery")?.trim();
  if (!guid) return reject(400, "missing X-GitHub-Delivery header");
  const signature = headers.get("x-hub-signature-256");
  if (!signature) return reject(401, "missing X-Hub-Signature-256 header");
  const secret = env.GITHUB_WEBHOOK_SECRET;
  if (!secret) return reject(401, "no GITHUB_WEBHOOK_SECRET configured on this server");
  // Decoded leniently only to verify: bytes that are not UTF-8 cannot match what GitHub signed.
  if (!(await verifyGithubSignature(secret, lenient.decode(rawBody), signature))) {
    return reject(401, "signature does not match the body under GITHUB_WEBHOOK_SECRET");
  }

  const body = parseBody(rawBody);
  if (!body.ok) return body.result;
  const { text, json } = body;
  if (!json || typeof json !== "object" || Array.isArray(json)) return reject(400, "body is not a JSON object");
  const action = (json as { action?: unknown }).action;
  if (action !== undefined && typeof action !== "string") return reject(400, "action is not a string");

  const followed = FOLLOWED_EVENTS.has(event);
  try {
    const db = await getDb();
    const result = await insertDelivery(db, {
      source: "github",
      resource: event,
      action: action ?? "",
      requestId: guid,
      dedupKey: `github:${guid}`,
      headers: pickHeaders(headers, KEPT_HEADERS),
      rawBody: text,
      status: followed ? "pending" : "ignored",
      error: followed ? null : event === "ping" ? "ping: GitHub checking the webhook" : `unfollowed GitHub event ${event}`,
    });
    return result.inserted
      ? { status: "stored", deliveryId: result.id, ignored: !followed }
      : { status: "duplicate", deliveryId: result.id };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    throw error;
  }
}

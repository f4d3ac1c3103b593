import { insertDelivery } from "@suture/db";
import { verifyGithubSignature } from "@suture/github";
import { withDatabase } from "../../database.ts";
import { env } from "../../env.ts";
import {
  isPlainName,
  MAX_BODY_BYTES,
  parseBody,
  pickHeaders,
  type ReceiveResult,
  reject,
  unavailable,
} from "../receive-result.ts";

/** Events whose deliveries are processed; anything else (ping included) is stored as ignored. */
const FOLLOWED_EVENTS = new Set([
  "pull_request",
  "pull_request_review",
  "check_suite",
  "check_run",
  "status",
  "deployment_status",
]);

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
  if (!isPlainName(event)) return reject(400, "X-GitHub-Event must be 1-64 printable ASCII characters without spaces");
  const guid = headers.get("x-github-delivery")?.trim();
  if (!guid) return reject(400, "missing X-GitHub-Delivery header");
  if (!isPlainName(guid))
    return reject(400, "X-GitHub-Delivery must be 1-64 printable ASCII characters without spaces");
  const signature = headers.get("x-hub-signature-256");
  if (!signature) return reject(401, "missing X-Hub-Signature-256 header");
  const secret = env.GITHUB_WEBHOOK_SECRET;
  if (!secret) return reject(401, "no GITHUB_WEBHOOK_SECRET configured on this server");
  // Decoded leniently only to verify: bytes that are not UTF-8 cannot match what GitHub signed.
  if (!(await verifyGithubSignature(secret, lenient.decode(rawBody), signature))) {
    return reject(401, "signature does not match the body under GITHUB_WEBHOOK_SECRET");
  }

  const body = parseBody(rawBody);
  if (body.status === "rejected") return body.result;
  const { text, json } = body;
  if (!json || typeof json !== "object" || Array.isArray(json)) return reject(400, "body is not a JSON object");
  const action = (json as { action?: unknown }).action;
  if (action !== undefined && typeof action !== "string") return reject(400, "action is not a string");
  // Stored in a text column, which refuses U+0000: GitHub's actions are plain words.
  if (action !== undefined && !isPlainName(action))
    return reject(400, "action must be 1-64 printable ASCII characters without spaces");

  const followed = FOLLOWED_EVENTS.has(event);
  const values = {
    source: "github" as const,
    resource: event,
    action: action ?? "",
    requestId: guid,
    dedupKey: `github:${guid}`,
    headers: pickHeaders(headers, KEPT_HEADERS),
    rawBody: text,
    status: followed ? ("pending" as const) : ("ignored" as const),
    error: followed
      ? null
      : event === "ping"
        ? "ping: GitHub checking the webhook"
        : `unfollowed GitHub event ${event}`,
  };
  const result = await withDatabase((db) => insertDelivery(db, values));
  if (result.status === "unavailable") return unavailable();
  return result.value.status === "inserted"
    ? { status: "stored", deliveryId: result.value.id, ignored: !followed }
    : { status: "duplicate", deliveryId: result.value.id };
}

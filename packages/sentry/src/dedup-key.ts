import { contentHash, sha256Hex } from "./canonical-json.ts";
import { canonicalResource } from "./resources.ts";
import type { SentryEnvelope } from "./types.ts";

/**
 * The key that decides "new delivery" vs "redelivery". It names the CHANGE, not the request:
 * Sentry retries carry a new Request-ID and timestamp and may be re-serialized (other key order,
 * whitespace, escapes), and all of those must map to the same key, while a genuinely new change
 * must not. Every key is `<installation uuid or ->:<resource>:<action>:<parts>`, so keys never
 * collide across organizations or resources.
 *
 * | event                         | parts after the action                                             |
 * |-------------------------------|--------------------------------------------------------------------|
 * | `error.created`               | event id                                                           |
 * | `issue.created`               | issue id                                                           |
 * | `issue.*` (state changes)     | issue id, hash(status, substatus, statusDetails, lastSeen,         |
 * |                               | resolution_type, assignee)                                         |
 * | `comment.created`/`.updated`  | comment id, hash(text)                                             |
 * | `comment.deleted`             | comment id                                                         |
 * | `event_alert.triggered`       | event id, hash(rule label, rule id)                                |
 * | `metric_alert.*`              | incident id, hash(status, description title and text)              |
 * | `seer.*` (documented actions) | run id                                                             |
 * | `seer.*` (other actions)      | run id, hash(data) — e.g. iterations repeat within a run           |
 * | `installation.*`              | installation uuid                                                  |
 * | `preprod_artifact.*`          | build id                                                           |
 * | anything else, or a payload   | hash(canonical JSON of {resource, action, data})                   |
 * | missing the id it needs       |                                                                    |
 *
 * `lastSeen` is in the issue state so that resolve → regress → resolve again is a new change.
 * Hashes are over key-sorted JSON of the parsed values, so they survive re-serialization.
 * Parts longer than 38 chars or with characters other than `[A-Za-z0-9._-]` are hashed, so a key
 * has at most five parts of at most 38 chars: always < 200 chars.
 * Never throws: it runs before the payload is validated.
 */
export function dedupKey(resource: string, envelope: SentryEnvelope): string {
  const { action, data } = envelope;
  const parts = changeParts(canonicalResource(resource), action, data) ?? [contentHash({ resource, action, data })];
  return [envelope.installationUuid ?? "-", resource, action, ...parts].map(part).join(":");
}

const SEER_DOCUMENTED = new Set([
  "root_cause_started",
  "root_cause_completed",
  "solution_started",
  "solution_completed",
  "coding_started",
  "coding_completed",
  "pr_created",
]);

/** Seer actions not in the docs (iterations, …) can happen more than once in a run. */
export const seerActionRepeats = (action: string): boolean => !SEER_DOCUMENTED.has(action);

/** The parts naming the change, or null when the payload lacks the id it needs. */
function changeParts(resource: string, action: string, data: Record<string, unknown>): string[] | null {
  switch (resource) {
    case "error":
      return need(idOf(obj(data.error).event_id));
    case "event_alert": {
      const event = obj(data.event);
      const alert = obj(data.issue_alert);
      return need(
        idOf(event.event_id),
        contentHash([data.triggered_rule ?? null, alert.id ?? null, alert.title ?? null]),
      );
    }
    case "issue": {
      const issue = obj(data.issue);
      if (action === "created") return need(idOf(issue.id));
      const state = {
        status: issue.status ?? null,
        substatus: issue.substatus ?? null,
        statusDetails: issue.statusDetails ?? null,
        lastSeen: issue.lastSeen ?? null,
        resolutionType: data.resolution_type ?? null,
        assignee: action === "assigned" ? (data.assignee ?? issue.assignedTo ?? null) : null,
      };
      return need(idOf(issue.id), contentHash(state));
    }
    case "comment":
      return action === "deleted"
        ? need(idOf(data.comment_id))
        : need(idOf(data.comment_id), contentHash(data.comment ?? null));
    case "metric_alert": {
      const incident = obj(data.metric_alert);
      return need(
        idOf(incident.id),
        contentHash([incident.status ?? null, data.description_title ?? null, data.description_text ?? null]),
      );
    }
    case "seer":
      return seerActionRepeats(action) ? need(idOf(data.run_id), contentHash(data)) : need(idOf(data.run_id));
    case "installation":
      return need(idOf(obj(data.installation).uuid));
    case "preprod_artifact":
      return need(idOf(data.buildId));
    default:
      return null;
  }
}

const obj = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Ids arrive as numbers or strings (`100` vs `"100"`); both give the same part. */
function idOf(value: unknown): string | null {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function need(...parts: (string | null)[]): string[] | null {
  return parts.every((p): p is string => p !== null) ? parts : null;
}

const SAFE_PART = /^[A-Za-z0-9._-]{1,38}$/;

/** A part as-is when short and plain, else `h` + 32 hex of its SHA-256 (so `:` can only be the separator). */
function part(value: string): string {
  return SAFE_PART.test(value) ? value : `h${sha256Hex(value).slice(0, 32)}`;
}

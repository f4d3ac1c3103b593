import { isKnownEvent } from "./known-events.ts";
import { normalizeComment } from "./normalize-comment.ts";
import { normalizeError } from "./normalize-error.ts";
import { normalizeEventAlert } from "./normalize-event-alert.ts";
import { normalizeInstallation } from "./normalize-installation.ts";
import { normalizeIssue } from "./normalize-issue.ts";
import { normalizeMetricAlert } from "./normalize-metric-alert.ts";
import { normalizePreprod } from "./normalize-preprod.ts";
import { normalizeSeer } from "./normalize-seer.ts";
import type { NormalizeOptions } from "./observation.ts";
import { canonicalResource } from "./resources.ts";
import type { Normalized, SentryEnvelope } from "./types.ts";

export type { NormalizeOptions } from "./observation.ts";

/**
 * Turns one delivery into what Suture stores. Pure: the same arguments always give the same
 * result (no clock; `options.receivedAt` stands in when the payload has no time).
 *
 * - `installation.*` → `{status: "installation"}`
 * - an unknown resource or action → `{status: "ignored", reason}`
 * - everything else → exactly one observation
 *
 * Throws `SentryPayloadError` when a known event's data lacks a field Suture relies on.
 */
export function normalize(resource: string, envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  if (!isKnownEvent(resource, envelope.action)) {
    return { status: "ignored", reason: `unhandled event ${resource}.${envelope.action}` };
  }
  switch (canonicalResource(resource)) {
    case "installation":
      return normalizeInstallation(envelope);
    case "issue":
      return normalizeIssue(envelope, options);
    case "error":
      return normalizeError(envelope, options);
    case "event_alert":
      return normalizeEventAlert(envelope, options);
    case "comment":
      return normalizeComment(envelope, options);
    case "metric_alert":
      return normalizeMetricAlert(envelope, options);
    case "seer":
      return normalizeSeer(envelope, options);
    case "preprod_artifact":
      return normalizePreprod(resource, envelope, options);
    default:
      return { status: "ignored", reason: `unhandled event ${resource}.${envelope.action}` };
  }
}

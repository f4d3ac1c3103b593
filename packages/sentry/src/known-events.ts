import type { SentryResource } from "./types.ts";

/** The resource/action pairs Suture normalizes; anything else is stored as `ignored`. */
const KNOWN_ACTIONS: Record<SentryResource, readonly string[] | "any"> = {
  installation: ["created", "deleted"],
  issue: ["created", "resolved", "assigned", "ignored", "archived", "unresolved"],
  error: ["created"],
  comment: ["created", "updated", "deleted"],
  event_alert: ["triggered"],
  metric_alert: ["critical", "warning", "resolved"],
  // Seer grows new actions often; each becomes a generic Seer observation.
  seer: "any",
  preprod_artifact: "any",
};

export function isKnownEvent(resource: string, action: string): boolean {
  // Own keys only: a header naming an Object.prototype member (`constructor`, `__proto__`) is unknown.
  const actions = Object.hasOwn(KNOWN_ACTIONS, resource) ? KNOWN_ACTIONS[resource as SentryResource] : undefined;
  if (resource === "size_analysis") return true;
  return actions === "any" || (actions?.includes(action) ?? false);
}

import { eventObservation } from "./event-observation.ts";
import { code } from "./markdown.ts";
import type { NormalizeOptions } from "./observation.ts";
import { parseData } from "./payload-error.ts";
import { eventAlertDataSchema } from "./schemas/event.ts";
import type { Normalized, SentryEnvelope } from "./types.ts";

/** `event_alert.triggered`: an issue alert rule fired for an event (same event shape as `error.created`). */
export function normalizeEventAlert(envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const event = `event_alert.${envelope.action}`;
  const data = parseData(eventAlertDataSchema, envelope.data, event);
  const rule = data.triggered_rule ?? data.issue_alert?.title ?? null;
  const ruleId = data.issue_alert?.id ?? null;
  return eventObservation(
    data.event,
    envelope,
    {
      sourceType: event,
      // One event can fire several rules; each firing is its own observation.
      sourceId: `${data.event.event_id}:${ruleId ?? rule ?? "rule"}`,
      what: rule ? `Alert "${rule}"` : "Alert",
      intro: rule
        ? `Issue alert rule ${code(rule)} fired for this event.`
        : "An issue alert rule fired for this event.",
      extraReferences: [{ type: "alert", id: ruleId ?? rule ?? data.event.event_id, label: rule, url: null }],
      alert: { triggeredRule: rule, alertRuleId: ruleId, alertSettings: data.issue_alert?.settings ?? null },
    },
    options,
  );
}

import { code, facts, link, sections } from "./markdown.ts";
import { MARKERS, title } from "./markers.ts";
import { type NormalizeOptions, actorName, emptyMetadata, iso, observed, occurredAt, references } from "./observation.ts";
import { parseData } from "./payload-error.ts";
import { metricAlertDataSchema } from "./schemas/metric-alert.ts";
import type { Normalized, SentryEnvelope } from "./types.ts";

// IncidentStatus in getsentry/sentry `incidents/models/incident.py`.
const INCIDENT_STATUS: Record<number, string> = { 1: "open", 2: "closed", 10: "warning", 20: "critical" };

const HEADLINES: Record<string, [string, string]> = {
  critical: [MARKERS.metricCritical, "Metric alert critical"],
  warning: [MARKERS.metricWarning, "Metric alert warning"],
  resolved: [MARKERS.metricResolved, "Metric alert resolved"],
};

/** `metric_alert.critical|warning|resolved`: an incident of a metric alert rule changed status. */
export function normalizeMetricAlert(envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const { action } = envelope;
  const event = `metric_alert.${action}`;
  const data = parseData(metricAlertDataSchema, envelope.data, event);
  const incident = data.metric_alert;
  const rule = incident.alert_rule;
  const name = rule?.name ?? data.description_title ?? incident.title ?? `incident ${incident.id}`;
  const status = incident.status === null ? null : (INCIDENT_STATUS[incident.status] ?? String(incident.status));
  const trigger = rule?.triggers.find((t) => t.label === action);
  const threshold = typeof trigger?.alert_threshold === "number" ? trigger.alert_threshold : null;
  const projectSlug = incident.projects?.[0] ?? null;
  const [marker, what] = HEADLINES[action] ?? [MARKERS.metricWarning, `Metric alert ${action}`];

  return observed(
    {
      sourceType: event,
      sourceId: `${incident.id}:${action}`,
      title: title(marker, what, name),
      body: sections(
        data.description_title ? `**${data.description_title}**` : null,
        // The documented example carries a literal backslash-n; show it as the line break it means.
        data.description_text?.replace(/\\n/g, "\n"),
        facts([
          ["Rule", rule?.name],
          ["Query", rule?.query ? code(rule.query) : null],
          ["Aggregate", rule?.aggregate ? code(rule.aggregate) : null],
          ["Threshold", threshold],
          ["Time window", rule?.time_window != null ? `${rule.time_window} min` : null],
          ["Environment", rule?.environment],
          ["Projects", incident.projects?.join(", ")],
          ["Status", status],
          ["Incident", incident.identifier ? `#${incident.identifier}${incident.title ? ` (${incident.title})` : ""}` : incident.id],
          ["Started", iso(incident.date_started)],
          ["Closed", iso(incident.date_closed)],
        ]),
        data.web_url ? link("Open alert in Sentry", data.web_url) : null,
      ),
      actor: actorName(envelope.actor),
      // A resolve is best dated by date_closed (null in the documented example), else by receipt.
      occurredAt:
        action === "resolved"
          ? occurredAt(options, incident.date_closed, options?.receivedAt, incident.date_started)
          : occurredAt(options, incident.date_started, incident.date_detected),
      references: references({
        type: "alert",
        id: incident.id,
        url: data.web_url,
        label: `Metric alert ${incident.identifier ? `#${incident.identifier}` : incident.id}: ${name}`,
      }),
      metadata: {
        ...emptyMetadata(),
        projectSlug,
        status,
        alertId: incident.id,
        alertIdentifier: incident.identifier,
        alertStatus: incident.status,
        alertRuleId: rule?.id ?? null,
        alertRuleName: rule?.name ?? null,
        query: rule?.query ?? null,
        aggregate: rule?.aggregate ?? null,
        threshold,
        projects: incident.projects ?? [],
        webUrl: data.web_url,
      },
    },
    null,
    { projectSlug, projectId: null },
  );
}

import { code, facts, link, sections } from "./markdown.ts";
import { MARKERS, title } from "./markers.ts";
import {
  type NormalizeOptions,
  actorName,
  emptyMetadata,
  iso,
  observed,
  occurredAt,
  references,
} from "./observation.ts";
import { parseData } from "./payload-error.ts";
import { type MetricAlertData, metricAlertDataSchema } from "./schemas/metric-alert.ts";
import type { MetricAlertObservationMetadata, Normalized, SentryEnvelope } from "./types.ts";

// IncidentStatus in getsentry/sentry `incidents/models/incident.py`.
const INCIDENT_STATUS: Record<number, string> = { 1: "open", 2: "closed", 10: "warning", 20: "critical" };

const HEADLINES: Record<string, [string, string]> = {
  critical: [MARKERS.metricCritical, "Metric alert critical"],
  warning: [MARKERS.metricWarning, "Metric alert warning"],
  resolved: [MARKERS.metricResolved, "Metric alert resolved"],
};

type AlertRule = NonNullable<MetricAlertData["metric_alert"]["alert_rule"]>;

/** One `metric_alert.*` delivery, read: the incident, its rule, and what they come to. */
interface MetricAlert {
  action: string;
  event: string;
  data: MetricAlertData;
  incident: MetricAlertData["metric_alert"];
  rule: AlertRule | null;
  name: string;
  status: string | null;
  threshold: number | null;
  projectSlug: string | null;
}

/** `metric_alert.critical|warning|resolved`: an incident of a metric alert rule changed status. */
export function normalizeMetricAlert(envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const alert = readMetricAlert(envelope);
  const { action, data, incident, name, projectSlug } = alert;
  const [marker, what] = HEADLINES[action] ?? [MARKERS.metricWarning, `Metric alert ${action}`];
  return observed(
    {
      sourceType: alert.event,
      sourceId: `${incident.id}:${action}`,
      title: title(marker, what, name),
      body: metricAlertBody(alert),
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
      metadata: metricAlertMetadata(alert),
    },
    null,
    { projectSlug, projectId: null },
  );
}

function readMetricAlert(envelope: SentryEnvelope): MetricAlert {
  const { action } = envelope;
  const event = `metric_alert.${action}`;
  const data = parseData(metricAlertDataSchema, envelope.data, event);
  const incident = data.metric_alert;
  const rule = incident.alert_rule ?? null;
  const trigger = rule?.triggers.find((t) => t.label === action);
  return {
    action,
    event,
    data,
    incident,
    rule,
    name: rule?.name ?? data.description_title ?? incident.title ?? `incident ${incident.id}`,
    status: incident.status === null ? null : (INCIDENT_STATUS[incident.status] ?? String(incident.status)),
    threshold: typeof trigger?.alert_threshold === "number" ? trigger.alert_threshold : null,
    projectSlug: incident.projects?.[0] ?? null,
  };
}

function metricAlertBody({ data, incident, rule, status, threshold }: MetricAlert): string {
  return sections(
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
      [
        "Incident",
        incident.identifier ? `#${incident.identifier}${incident.title ? ` (${incident.title})` : ""}` : incident.id,
      ],
      ["Started", iso(incident.date_started)],
      ["Closed", iso(incident.date_closed)],
    ]),
    data.web_url ? link("Open alert in Sentry", data.web_url) : null,
  );
}

function metricAlertMetadata({
  data,
  incident,
  rule,
  status,
  threshold,
  projectSlug,
}: MetricAlert): MetricAlertObservationMetadata {
  return {
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
  };
}

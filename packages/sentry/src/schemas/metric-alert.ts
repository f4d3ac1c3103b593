import { z } from "zod";
import { count, id, objects, optionalId, text } from "./common.ts";

const alertRuleSchema = z.looseObject({
  id: optionalId,
  name: text,
  query: text,
  aggregate: text,
  dataset: text,
  environment: text,
  time_window: count,
  triggers: objects,
});

/** `metric_alert.*`: the incident (`IncidentSerializer`, snake_cased) plus the rendered description. */
export const metricAlertDataSchema = z.looseObject({
  metric_alert: z.looseObject({
    id,
    identifier: optionalId,
    title: text,
    // IncidentStatus: 1 open, 2 closed, 10 warning, 20 critical.
    status: count,
    date_started: text,
    date_detected: text,
    date_closed: text,
    projects: z.array(z.string()).nullish(),
    alert_rule: alertRuleSchema.nullish(),
  }),
  description_title: text,
  description_text: text,
  web_url: text,
});
export type MetricAlertData = z.infer<typeof metricAlertDataSchema>;

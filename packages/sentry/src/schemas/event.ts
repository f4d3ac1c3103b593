import { z } from "zod";
import { id, objects, optionalId, record, text } from "./common.ts";

/** One stack frame as webhooks send it: snake_case, stored oldest first (the crashing frame is last). */
export const frameSchema = z.looseObject({
  function: text,
  module: text,
  filename: text,
  abs_path: text,
  lineno: z.number().nullish(),
  colno: z.number().nullish(),
  in_app: z.boolean().nullish(),
  context_line: text,
});
export type Frame = z.infer<typeof frameSchema>;

const stacktraceSchema = z.looseObject({ frames: z.array(frameSchema).nullish() }).nullish();

/** `exception.values[]`: chained exceptions, innermost first; the last one is the outermost/most relevant. */
const exceptionSchema = z.looseObject({
  type: text,
  value: text,
  module: text,
  stacktrace: stacktraceSchema,
  mechanism: z.looseObject({ type: text, handled: z.boolean().nullish() }).nullish(),
});
export type SentryException = z.infer<typeof exceptionSchema>;

/** `Event.as_dict()` plus `url`, `web_url`, `issue_url`, `issue_id` (`_webhook_event_data`). */
export const eventSchema = z.looseObject({
  event_id: id,
  issue_id: optionalId,
  project: optionalId,
  release: text,
  environment: text,
  platform: text,
  message: text,
  title: text,
  culprit: text,
  level: text,
  location: text,
  datetime: text,
  timestamp: z.number().nullish(),
  // [[key, value], ...]; values can be null.
  tags: z.array(z.tuple([z.string(), z.unknown()]).rest(z.unknown())).nullish(),
  metadata: z.looseObject({ type: text, value: text, filename: text, function: text }).nullish(),
  exception: z.looseObject({ values: z.array(exceptionSchema).nullish() }).nullish(),
  stacktrace: stacktraceSchema,
  threads: z.looseObject({ values: objects }).nullish(),
  contexts: record,
  url: text,
  web_url: text,
  issue_url: text,
});
export type SentryEvent = z.infer<typeof eventSchema>;

/** `error.created`: `data.error`. */
export const errorDataSchema = z.looseObject({ error: eventSchema });

/** `event_alert.triggered`: the event, the rule label, and (for UI-component apps) `issue_alert`. */
export const eventAlertDataSchema = z.looseObject({
  event: eventSchema,
  triggered_rule: text,
  issue_alert: z
    .looseObject({ id: optionalId, title: text, sentry_app_id: optionalId, settings: z.unknown().optional() })
    .nullish(),
});

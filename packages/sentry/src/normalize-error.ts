import { eventObservation } from "./event-observation.ts";
import type { NormalizeOptions } from "./observation.ts";
import { parseData } from "./payload-error.ts";
import { errorDataSchema } from "./schemas/event.ts";
import type { Normalized, SentryEnvelope } from "./types.ts";

/** `error.created`: one event with its stack trace; the issue is known only by `issue_id`. */
export function normalizeError(envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const event = `error.${envelope.action}`;
  const { error } = parseData(errorDataSchema, envelope.data, event);
  return eventObservation(error, envelope, { sourceType: event, sourceId: error.event_id, what: "Error" }, options);
}

import type { EventContext, EventContextFrame } from "./event-context.ts";
import { crashingFirstFrames, mainException } from "./frames.ts";
import { capFrames, int, isObject, lastBreadcrumbs, lines, objectsOf, str, tagValue } from "./event-context-parts.ts";
import { payloadText } from "./payload-text.ts";
import { type Frame, type SentryEvent, eventSchema } from "./schemas/event.ts";

/**
 * The context of an event as a webhook (`error.created`, `event_alert.triggered`) carries it.
 * Frame `vars` are never copied: they hold the app's live data (tokens, personal data).
 */
export function eventContextFromEvent(input: SentryEvent): EventContext {
  // Callers may hand over a stored payload as is: parsing first makes ids strings and
  // wrongly typed fields null; what does not parse is read defensively below.
  const parsed = eventSchema.safeParse(input);
  const event = parsed.success ? parsed.data : input;
  const exception = mainException(event);
  const tags = (Array.isArray(event.tags) ? event.tags : []).flatMap((tag: unknown) => {
    const value = Array.isArray(tag) ? payloadText(tag[1]) : null;
    return Array.isArray(tag) && typeof tag[0] === "string" && value !== null ? [{ key: tag[0], value }] : [];
  });
  const breadcrumbs = isObject(event.breadcrumbs) ? objectsOf(event.breadcrumbs.values) : [];
  const logentry = isObject(event.logentry) ? event.logentry : {};
  return {
    eventId: str(event.event_id),
    title: str(event.title),
    message: str(event.message) ?? str(logentry.formatted) ?? str(logentry.message),
    culprit: str(event.culprit),
    level: str(event.level) ?? tagValue(tags, "level"),
    platform: str(event.platform),
    errorType: str(exception?.type) ?? str(event.metadata?.type),
    errorValue: str(exception?.value) ?? str(event.metadata?.value),
    release: str(event.release) ?? tagValue(tags, "release"),
    environment: str(event.environment) ?? tagValue(tags, "environment"),
    // crashingFirstFrames already reverses the webhook's oldest-first order.
    frames: capFrames(crashingFirstFrames(event).filter(isObject).map(frameOf)),
    tags,
    breadcrumbs: lastBreadcrumbs(breadcrumbs),
    webUrl: str(event.web_url),
  };
}

function frameOf(frame: Frame): EventContextFrame {
  return {
    filename: str(frame.filename),
    absPath: str(frame.abs_path),
    module: str(frame.module),
    function: str(frame.function),
    lineno: int(frame.lineno),
    colno: int(frame.colno),
    inApp: frame.in_app === true,
    preContext: lines(frame.pre_context),
    contextLine: typeof frame.context_line === "string" ? frame.context_line : null,
    postContext: lines(frame.post_context),
  };
}

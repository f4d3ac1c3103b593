import type { EventContext, EventContextFrame } from "./event-context.ts";
import { payloadText } from "./payload-text.ts";
import {
  type Loose,
  crashingFirst,
  int,
  isObject,
  lastBreadcrumbs,
  objectsOf,
  str,
  tagValue,
} from "./event-context-parts.ts";

/**
 * The context of an event as Sentry's REST API returns it (`…/events/{id|latest|recommended}/`):
 * camelCase, with the stack trace and breadcrumbs inside `entries[]`. Frame `vars` are never
 * copied. Anything that is not an event object yields an empty context rather than an error:
 * the caller decides whether an event without a stack trace is useful.
 */
export function eventContextFromApi(json: unknown): EventContext {
  const event: Loose = isObject(json) ? json : {};
  const entries = objectsOf(event.entries);
  const entry = (type: string): Loose => {
    const data = entries.find((e) => e.type === type)?.data;
    return isObject(data) ? data : {};
  };
  const exceptions = objectsOf(entry("exception").values);
  const main = exceptions.at(-1) ?? null;
  const metadata = isObject(event.metadata) ? event.metadata : {};
  const tags = objectsOf(event.tags).flatMap((tag) => {
    const value = payloadText(tag.value);
    return typeof tag.key === "string" && value !== null ? [{ key: tag.key, value }] : [];
  });
  const release = isObject(event.release) ? str(event.release.version) : str(event.release);
  return {
    eventId: str(event.eventID) ?? str(event.id),
    title: str(event.title),
    message: str(event.message) ?? str(entry("message").formatted) ?? str(entry("message").message),
    culprit: str(event.culprit),
    level: str(event.level) ?? tagValue(tags, "level"),
    platform: str(event.platform),
    errorType: str(main?.type) ?? str(metadata.type),
    errorValue: str(main?.value) ?? str(metadata.value),
    release: release ?? tagValue(tags, "release"),
    environment: str(event.environment) ?? tagValue(tags, "environment"),
    frames: crashingFirst(storedFrames(exceptions, entry("stacktrace")).map(frameOf)),
    tags,
    breadcrumbs: lastBreadcrumbs(objectsOf(entry("breadcrumbs").values)),
    webUrl: null,
  };
}

/** The main exception's frames, else another exception's, else the event-level stack trace. */
function storedFrames(exceptions: Loose[], stacktrace: Loose): Loose[] {
  for (const exception of [exceptions.at(-1), ...exceptions.slice(0, -1).reverse()]) {
    const frames = objectsOf(isObject(exception?.stacktrace) ? exception.stacktrace.frames : null);
    if (frames.length > 0) return frames;
  }
  return objectsOf(stacktrace.frames);
}

function frameOf(frame: Loose): EventContextFrame {
  const lineno = int(frame.lineNo);
  const { preContext, contextLine, postContext } = splitContext(frame.context, lineno);
  return {
    filename: str(frame.filename),
    absPath: str(frame.absPath),
    module: str(frame.module),
    function: str(frame.function),
    lineno,
    colno: int(frame.colNo),
    inApp: frame.inApp === true,
    preContext,
    contextLine,
    postContext,
  };
}

/** `[[lineNo, text], ...]` → the lines before, at and after the frame's line. */
function splitContext(
  context: unknown,
  lineno: number | null,
): Pick<EventContextFrame, "preContext" | "contextLine" | "postContext"> {
  const out = { preContext: [] as string[], contextLine: null as string | null, postContext: [] as string[] };
  if (lineno === null || !Array.isArray(context)) return out;
  for (const pair of context) {
    if (!Array.isArray(pair)) continue;
    const [number, text] = pair as unknown[];
    const at = int(number);
    if (at === null) continue;
    const line = typeof text === "string" ? text : "";
    if (at < lineno) out.preContext.push(line);
    else if (at === lineno) out.contextLine = line;
    else out.postContext.push(line);
  }
  return out;
}

import { code } from "./markdown.ts";
import type { Frame, SentryEvent, SentryException } from "./schemas/event.ts";

const MAX_FRAMES = 5;

/** The exception that matters: the last of `exception.values` (the outermost in a chain). */
export function mainException(event: SentryEvent): SentryException | null {
  const values = event.exception?.values ?? [];
  return values.at(-1) ?? null;
}

/**
 * All frames of the event's stack trace, CRASHING FRAME FIRST. Webhooks store frames oldest
 * first, so they are reversed here. Prefers the main exception, then any exception with frames,
 * then the event-level `stacktrace` (messages captured with attach_stacktrace).
 */
export function crashingFirstFrames(event: SentryEvent): Frame[] {
  const values = event.exception?.values ?? [];
  const candidates = [values.at(-1), ...values.slice(0, -1).reverse()];
  for (const exception of candidates) {
    const frames = exception?.stacktrace?.frames ?? [];
    if (frames.length > 0) return [...frames].reverse();
  }
  return [...(event.stacktrace?.frames ?? [])].reverse();
}

/** The frames worth showing: in-app ones if there are any, else all; at most five. */
export function topFrames(frames: readonly Frame[]): Frame[] {
  const inApp = frames.filter((frame) => frame.in_app === true);
  return (inApp.length > 0 ? inApp : frames).slice(0, MAX_FRAMES);
}

export function frameFile(frame: Frame): string {
  return frame.filename ?? frame.abs_path ?? frame.module ?? "?";
}

/** `` `function` at file:line `` plus the source line when Sentry has it. Never the frame's `vars`. */
export function formatFrame(frame: Frame): string {
  const where = frame.lineno != null ? `${frameFile(frame)}:${frame.lineno}` : frameFile(frame);
  const line = `${code(frame.function ?? "?")} at ${where}`;
  const source = frame.context_line?.trim();
  return source ? `${line}\n   ${code(source)}` : line;
}

export function formatFrames(frames: readonly Frame[]): string {
  return frames.map((frame, index) => `${index + 1}. ${formatFrame(frame)}`).join("\n");
}

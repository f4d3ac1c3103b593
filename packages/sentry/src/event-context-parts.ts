import type { EventContext, EventContextBreadcrumb, EventContextFrame } from "./event-context.ts";

// Caps keep a fix prompt bounded: the frames nearest the crash and the breadcrumbs just before
// it are what explain an error; the rest is noise that costs tokens.
export const MAX_FRAMES = 50;
export const MAX_BREADCRUMBS = 30;

export type Loose = Record<string, unknown>;

export const isObject = (value: unknown): value is Loose =>
  value !== null && typeof value === "object" && !Array.isArray(value);
export const objectsOf = (value: unknown): Loose[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** A non-empty string, else null (Sentry sends "" for "no message"). */
export const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

export const int = (value: unknown): number | null => {
  const parsed =
    typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

/** Source lines: strings kept as they are (blank lines matter for line numbers), anything else as "". */
export const lines = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((line) => (typeof line === "string" ? line : "")) : [];

/** ISO-8601 from an ISO string or epoch seconds; the original string if it does not parse. */
export function timestamp(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? new Date(value * 1000).toISOString() : null;
  if (typeof value !== "string" || value === "") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function breadcrumbOf(crumb: Loose): EventContextBreadcrumb {
  return {
    timestamp: timestamp(crumb.timestamp),
    category: str(crumb.category),
    level: str(crumb.level),
    message: str(crumb.message),
  };
}

/** The latest breadcrumbs, oldest first. */
export const lastBreadcrumbs = (crumbs: Loose[]): EventContextBreadcrumb[] =>
  crumbs.slice(-MAX_BREADCRUMBS).map(breadcrumbOf);

/** Frames as stored (oldest first) → crashing frame first, capped. */
export const crashingFirst = (frames: EventContextFrame[]): EventContextFrame[] => capFrames([...frames].reverse());

/**
 * At most MAX_FRAMES frames, crashing frame first — but the cap only ever drops library frames:
 * every in-app frame stays (Sentry itself bounds a stack at a few hundred frames), and library
 * frames nearest the crash fill what room is left. Order is kept.
 */
export function capFrames<T extends { inApp: boolean }>(frames: readonly T[]): T[] {
  let room = MAX_FRAMES - frames.filter((frame) => frame.inApp).length;
  return frames.filter((frame) => frame.inApp || room-- > 0);
}

export function tagValue(tags: EventContext["tags"], key: string): string | null {
  return tags.find((tag) => tag.key === key)?.value ?? null;
}

// One marker per kind of change, so a dashboard row can be read at a glance. Severity markers
// follow the Sentry level; the others name what happened. Documented in the README.

const LEVEL_MARKERS: Record<string, string> = {
  fatal: "🔴",
  error: "🔴",
  warning: "🟠",
  info: "🔵",
  debug: "⚪",
};

/** Severity marker for a Sentry level; an unknown or missing level is shown as an error. */
export function levelMarker(level: string | null | undefined): string {
  return LEVEL_MARKERS[level ?? ""] ?? "🔴";
}

export const MARKERS = {
  resolved: "✅",
  regressed: "🔁",
  escalating: "📈",
  unresolved: "↩️",
  assigned: "👤",
  ignored: "🔕",
  metricCritical: "🚨",
  metricWarning: "⚠️",
  metricResolved: "✅",
  seer: "🤖",
  comment: "💬",
  preprod: "📦",
  alert: "🚨",
} as const;

/** Titles are dashboard rows; a runaway exception message must not become a screenful. */
export function title(marker: string, what: string, subject?: string | null): string {
  const full = subject ? `${marker} ${what}: ${subject}` : `${marker} ${what}`;
  return truncate(full.replace(/\s+/g, " ").trim(), 200);
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

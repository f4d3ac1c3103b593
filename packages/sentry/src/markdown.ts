// Small helpers for observation bodies. Bodies are Markdown shown on the dashboard and handed to
// a coding agent, so values are wrapped so they cannot break the surrounding formatting.

/** Inline code that survives backticks inside the value. */
export function code(value: string): string {
  const longest = Math.max(0, ...Array.from(value.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
export function block(value: string, lang = ""): string {
  const longest = Math.max(2, ...Array.from(value.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${value}\n${fence}`;
}

/** `- Label: value` lines for the values that are present. */
export function facts(rows: readonly (readonly [string, string | number | null | undefined])[]): string {
  return rows
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([label, value]) => `- ${label}: ${value}`)
    .join("\n");
}

/** Sections joined by blank lines; empty ones are dropped. */
export function sections(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === "string" && part.trim() !== "").join("\n\n");
}

export function link(label: string, url: string | null | undefined): string {
  return url ? `[${label.replace(/[[\]]/g, "\\$&")}](${url})` : label;
}

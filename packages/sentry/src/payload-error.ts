import type { z } from "zod";

/**
 * A delivery of a known resource whose `data` does not have the fields Suture relies on. The
 * caller marks the delivery failed with this message, so it names the event and the field.
 */
export class SentryPayloadError extends Error {
  override readonly name = "SentryPayloadError";
  constructor(
    /** `<resource>.<action>` */
    readonly event: string,
    readonly problems: readonly string[],
  ) {
    super(`${event} payload is invalid: ${problems.join("; ")}`);
  }
}

const kind = (input: unknown): string => (input === null ? "null" : Array.isArray(input) ? "array" : typeof input);

/** Parses `envelope.data` or throws a `SentryPayloadError` listing each bad field as `data.a.b: problem`. */
export function parseData<T extends z.ZodType>(schema: T, data: unknown, event: string): z.output<T> {
  const result = schema.safeParse(data, {
    error: (iss) => {
      if (iss.input === undefined) return "is required";
      if (iss.code === "invalid_type") return `must be ${iss.expected}, got ${kind(iss.input)}`;
      return undefined;
    },
  });
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${["data", ...issue.path.map(String)].join(".")}: ${issue.message}`);
  throw new SentryPayloadError(event, problems);
}

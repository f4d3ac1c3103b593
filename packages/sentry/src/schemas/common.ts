import { z } from "zod";

// Shared building blocks. Sentry serializes the same id as a number in one payload and a string
// in another (comment `issue_id: 100`, error `issue_id: "6123..."`, seer `group_id: 1170820242`),
// so every id is accepted as either and stored as a string.

const kind = (input: unknown): string => (input === null ? "null" : Array.isArray(input) ? "array" : typeof input);

/** A required id: non-empty string or integer, as a string. */
export const id = z
  .union([z.string().min(1), z.number().int()], {
    error: (iss) =>
      iss.input === undefined ? "is required" : `must be a string or integer id, got ${kind(iss.input)}`,
  })
  .transform(String);

/** An optional id: missing or null becomes null. */
export const optionalId = id.nullish().transform((value) => value ?? null);

/** An optional string: missing, null or a wrong type becomes null (display-only fields must not fail a delivery). */
export const text = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" ? value : null));

/** A count Sentry sends as a string (`"14"`) or a number. */
export const count = z
  .unknown()
  .optional()
  .transform((value): number | null => {
    const parsed =
      typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    return Number.isFinite(parsed) ? parsed : null;
  });

/** A free-form object Sentry may leave out or set to null. */
export const record = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((value) => value ?? null);

/** A list of objects Sentry may leave out; elements of the wrong type are dropped. */
export const objects = z
  .array(z.unknown())
  .nullish()
  .transform((value) =>
    (value ?? []).filter(
      (item): item is Record<string, unknown> => item !== null && typeof item === "object" && !Array.isArray(item),
    ),
  );

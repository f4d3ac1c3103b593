import { z } from "zod";
import type { EnvelopeResult, SentryActor, SentryEnvelope } from "./types.ts";

const SHAPE = 'body must be a JSON object with "action" and "data"';

const describe = (input: unknown): string =>
  input === null ? "null" : Array.isArray(input) ? "an array" : typeof input;

/** Longest `action` accepted; Sentry's are identifiers like `root_cause_completed`. */
const MAX_ACTION_LENGTH = 64;
const PRINTABLE = /^[\x21-\x7e]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The first character outside printable ASCII, as `U+XXXX`, for a message that names it. */
const firstUnprintable = (text: string): string => {
  const char = [...text].find((c) => !PRINTABLE.test(c)) ?? "";
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
};

// The messages are answered to Sentry (400) and stored on failed deliveries, so each one names
// the field and what was wrong with it. `action` and `installation.uuid` are stored in text
// columns and shown on the dashboard, so they must be plain: PostgreSQL refuses U+0000 in text,
// and a lone surrogate would be stored as U+FFFD, not as sent.
const envelopeSchema = z.looseObject({
  action: z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? `"action" is missing; ${SHAPE}`
          : `"action" must be a string, got ${describe(iss.input)}`,
    })
    .min(1, { error: '"action" must not be empty' })
    .max(MAX_ACTION_LENGTH, { error: `"action" must be at most ${MAX_ACTION_LENGTH} characters` })
    .refine((action) => PRINTABLE.test(action), {
      error: (iss) => `"action" must be printable ASCII without spaces, got ${firstUnprintable(iss.input as string)}`,
    }),
  data: z.record(z.string(), z.unknown(), {
    error: (iss) =>
      iss.input === undefined ? `"data" is missing; ${SHAPE}` : `"data" must be an object, got ${describe(iss.input)}`,
  }),
  installation: z
    .looseObject(
      {
        uuid: z
          .string({ error: (iss) => `"installation.uuid" must be a string, got ${describe(iss.input)}` })
          .refine((uuid) => uuid === "" || UUID.test(uuid), {
            error: '"installation.uuid" must be a UUID (8-4-4-4-12 hex digits)',
          })
          .nullish(),
      },
      { error: (iss) => `"installation" must be an object, got ${describe(iss.input)}` },
    )
    .nullish(),
  // The actor is informational; a malformed one is dropped rather than failing the delivery.
  actor: z.unknown().optional(),
});

/** Validates the envelope every integration-platform webhook shares: `{action, installation, data, actor}`. */
export function parseEnvelope(json: unknown): EnvelopeResult {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { status: "invalid", error: `${SHAPE}, got ${describe(json)}` };
  }
  const result = envelopeSchema.safeParse(json);
  if (!result.success) {
    // One precise message; the first issue is the one the sender most needs to fix.
    return { status: "invalid", error: result.error.issues[0]?.message ?? SHAPE };
  }
  const { action, data, installation, actor } = result.data;
  return {
    status: "valid",
    envelope: { action, data, installationUuid: installation?.uuid || null, actor: parseActor(actor) },
  };
}

/**
 * For a resource Suture does not know, whose body need not be the shared envelope: something to
 * key and store it by, never a refusal. Its `action` when that is plain, else `unknown`; the whole
 * body as `data`; no installation (an ignored delivery is never routed).
 */
export function opaqueEnvelope(json: unknown): SentryEnvelope {
  const body =
    json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const action = body.action;
  const plain = typeof action === "string" && action.length <= MAX_ACTION_LENGTH && PRINTABLE.test(action);
  return { action: plain ? action : "unknown", data: { body: json }, installationUuid: null, actor: null };
}

/** A user actor has a numeric id, the application actor `"sentry"`; both become strings. */
function parseActor(actor: unknown): SentryActor | null {
  if (actor === null || typeof actor !== "object" || Array.isArray(actor)) return null;
  const { type, id, name } = actor as Record<string, unknown>;
  if (typeof id !== "string" && typeof id !== "number") return null;
  return {
    type: typeof type === "string" ? type : "unknown",
    id: String(id),
    name: typeof name === "string" ? name : null,
  };
}

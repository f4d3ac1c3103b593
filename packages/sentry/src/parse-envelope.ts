import { z } from "zod";
import type { EnvelopeResult, SentryActor } from "./types.ts";

const SHAPE = 'body must be a JSON object with "action" and "data"';

const describe = (input: unknown): string =>
  input === null ? "null" : Array.isArray(input) ? "an array" : typeof input;

// The messages are answered to Sentry (400) and stored on failed deliveries, so each one names
// the field and what was wrong with it.
const envelopeSchema = z.looseObject({
  action: z
    .string({ error: (iss) => (iss.input === undefined ? `"action" is missing; ${SHAPE}` : `"action" must be a string, got ${describe(iss.input)}`) })
    .min(1, { error: '"action" must not be empty' }),
  data: z.record(z.string(), z.unknown(), {
    error: (iss) => (iss.input === undefined ? `"data" is missing; ${SHAPE}` : `"data" must be an object, got ${describe(iss.input)}`),
  }),
  installation: z
    .looseObject(
      { uuid: z.string({ error: (iss) => `"installation.uuid" must be a string, got ${describe(iss.input)}` }).nullish() },
      { error: (iss) => `"installation" must be an object, got ${describe(iss.input)}` },
    )
    .nullish(),
  // The actor is informational; a malformed one is dropped rather than failing the delivery.
  actor: z.unknown().optional(),
});

/** Validates the envelope every integration-platform webhook shares: `{action, installation, data, actor}`. */
export function parseEnvelope(json: unknown): EnvelopeResult {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, error: `${SHAPE}, got ${describe(json)}` };
  }
  const result = envelopeSchema.safeParse(json);
  if (!result.success) {
    // One precise message; the first issue is the one the sender most needs to fix.
    return { ok: false, error: result.error.issues[0]?.message ?? SHAPE };
  }
  const { action, data, installation, actor } = result.data;
  return {
    ok: true,
    envelope: { action, data, installationUuid: installation?.uuid || null, actor: parseActor(actor) },
  };
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

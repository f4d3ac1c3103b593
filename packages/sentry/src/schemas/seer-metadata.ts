import { z } from "zod";

// `seer.*` metadata as it is read back from `observations.metadata` (jsonb): what normalizeSeer
// wrote (`SeerObservationMetadata`) or what an older row kept. Lenient: a field a row lacks, or
// holds in another shape, reads as null (a list as empty); the listed objects keep all their keys.

const optionalText = z.string().nullable().catch(null);

/** A change summary; older rows may carry the diff itself, as `diff` or `patch`. */
const changeSchema = z.looseObject({
  diff: z.string().optional().catch(undefined),
  patch: z.string().optional().catch(undefined),
});

const pullRequestSchema = z.looseObject({
  url: z.string().nullish().catch(null),
  number: z.number().nullish().catch(null),
});

export const seerObservationMetadata = z.object({
  /** An empty run id names no run. */
  seerRunId: z.string().min(1).nullable().catch(null),
  seerAction: optionalText,
  rootCause: optionalText,
  solution: optionalText,
  changes: z.array(changeSchema).catch([]),
  pullRequests: z.array(pullRequestSchema).catch([]),
});
export type StoredSeerObservationMetadata = z.infer<typeof seerObservationMetadata>;

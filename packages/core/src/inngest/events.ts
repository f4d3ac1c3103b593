import { eventType } from "inngest";
import { z } from "zod";

/** A verified delivery was stored; its id doubles as the Inngest event id. */
export const deliveryReceived = eventType("sentry/delivery.received", {
  schema: z.object({ deliveryId: z.string().uuid() }),
});

/**
 * A delivery announced on its own after a quiet spell: processed at once by a function that does
 * not batch, instead of waiting out the batch window (Inngest's minimum is 1 s).
 */
export const loneDeliveryReceived = eventType("sentry/delivery.received-alone", {
  schema: z.object({ deliveryId: z.string().uuid() }),
});

/** A delivery became an observation. */
export const observationCaptured = eventType("observation/captured", {
  schema: z.object({
    observationId: z.string().uuid(),
    workspaceId: z.string().uuid(),
    deliveryId: z.string().uuid(),
  }),
});

/** A release reached an environment. */
export const deploymentRecorded = eventType("deployment/recorded", {
  schema: z.object({ deploymentId: z.string().uuid(), workspaceId: z.string().uuid(), release: z.string() }),
});

/** Ask the sweeper to run now (the embedded mode does at start, after a crash). */
export const sweepRequested = eventType("suture/sweep.requested", {
  schema: z.object({
    olderThanSeconds: z.number().int().min(0),
    /** At an embedded start, runs left `running` by the previous process are orphans: resume them. */
    resumeRunning: z.boolean().optional(),
  }),
});

/** A person or the workspace policy approved a fix run: dispatch it. */
export const fixApproved = eventType("fix/approved", {
  schema: z.object({
    fixRunId: z.string().uuid(),
    workspaceId: z.string().uuid(),
    /** The concurrency key: one dispatch at a time per repository. */
    repositoryId: z.string().uuid().nullable(),
    approvedBy: z.string(),
  }),
});

/** A verified GitHub delivery was stored; its id doubles as the Inngest event id. */
export const githubDeliveryReceived = eventType("github/delivery.received", {
  schema: z.object({ deliveryId: z.string().uuid() }),
});

/** A fix run's pull request was merged. */
export const fixMerged = eventType("fix/merged", {
  schema: z.object({ fixRunId: z.string().uuid(), workspaceId: z.string().uuid() }),
});

/** A repair of a fix run's open PR was claimed (failing checks or requested changes): work on its branch. */
export const fixRepairRequested = eventType("fix/repair.requested", {
  schema: z.object({
    fixRunId: z.string().uuid(),
    workspaceId: z.string().uuid(),
    /** The concurrency key: one repair at a time per repository. */
    repositoryId: z.string().uuid().nullable(),
    iteration: z.number().int().min(1),
  }),
});

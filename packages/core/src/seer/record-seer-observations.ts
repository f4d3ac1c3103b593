import {
  appendFixRunEvent,
  findRepositoryByName,
  type Db,
  type FixRun,
  getObservations,
  hasSeerStep,
  lockSeerRun,
  type Observation,
  transitionFixRun,
} from "@suture/db";
import { seerObservationMetadata, type StoredSeerObservationMetadata } from "@suture/sentry";
import { getDb } from "../database.ts";
import { env } from "../env.ts";
import { nextSeerStatus, seerStage, seerStopped } from "./seer-stage.ts";
import { safeHttpsUrl } from "../links/safe-https-url.ts";

export type SeerRunOutcome =
  | { observationId: string; status: "recorded"; fixRunId: string; runStatus: FixRun["status"]; created: boolean }
  | { observationId: string; status: "skipped"; reason: string };

/** What Seer reported, merged into `seerDetails` step by step. */
const DETAIL_KEYS = ["rootCause", "solution", "changes", "pullRequests"] as const;

/**
 * `seer.*` observations → one fix run per Seer run (origin `seer`, or the Suture run that
 * dispatched it), advancing through root cause, solution, coding and PR. Other observations
 * are ignored; a step already on the run's timeline (a redelivery, a retried batch) is skipped.
 */
export async function recordSeerObservations(observationIds: readonly string[]): Promise<SeerRunOutcome[]> {
  const db = await getDb();
  const observations = await getObservations(db, { ids: observationIds });
  const outcomes: SeerRunOutcome[] = [];
  for (const observation of observations) {
    if (observation.sourceType.startsWith("seer.")) outcomes.push(await recordOne(db, observation));
  }
  return outcomes;
}

async function recordOne(db: Db, observation: Observation): Promise<SeerRunOutcome> {
  const skip = (reason: string): SeerRunOutcome => ({ observationId: observation.id, status: "skipped", reason });
  const meta = seerObservationMetadata.parse(observation.metadata);
  const { seerRunId } = meta;
  if (!seerRunId) return skip("the observation names no Seer run");
  const sentryIssueId = observation.sentryIssueId;
  if (!sentryIssueId) return skip("the observation names no Sentry issue");
  const action = meta.seerAction ?? observation.sourceType.slice("seer.".length);
  const stage = seerStage(action);

  return db.transaction(async (tx): Promise<SeerRunOutcome> => {
    const { run, created } = await lockSeerRun(tx, {
      workspaceId: observation.workspaceId,
      seerRunId,
      sentryIssueId,
      status: stage ?? "root_cause",
    });
    if (!created && (await hasSeerStep(tx, { fixRunId: run.id, sourceId: observation.sourceId })))
      return skip(`${observation.sourceType} is already recorded`);
    const firstPr = meta.pullRequests[0];
    const repositoryId = run.repositoryId ?? (await connectedRepositoryOf(tx, observation.workspaceId, firstPr?.url));
    const updated = await transitionFixRun(tx, {
      id: run.id,
      from: [run.status],
      to: nextSeerStatus(run, stage, seerStopped(action, env.SUTURE_SEER_STOPPING_POINT)),
      fields: {
        repositoryId,
        summary: meta.rootCause ?? run.summary,
        seerDetails: mergeDetails(run.seerDetails, meta, action),
        // Seer's payload is not ours: only an https: link is kept for the dashboard and PR tracking.
        prUrl: safeHttpsUrl(firstPr?.url) ?? run.prUrl,
        prNumber: firstPr?.number ?? run.prNumber,
        diff: patchesOf(meta.changes) ?? run.diff,
      },
    });
    await appendFixRunEvent(tx, {
      fixRunId: run.id,
      event: {
        kind: `seer_${action}`,
        message: observation.title,
        data: { observationId: observation.id, sourceId: observation.sourceId, seerRunId, action },
      },
    });
    return {
      observationId: observation.id,
      status: "recorded",
      fixRunId: run.id,
      runStatus: updated?.status ?? run.status,
      created,
    };
  });
}

/**
 * The connected repository a Seer PR was opened in (from its GitHub URL), so GitHub's webhooks
 * and the reconcile follow Seer's PR like Suture's own.
 */
async function connectedRepositoryOf(
  tx: Db,
  workspaceId: string,
  prUrl: string | null | undefined,
): Promise<string | null> {
  const match = prUrl ? /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/pull\/\d+/.exec(prUrl) : null;
  if (!match?.[1] || !match[2]) return null;
  return (await findRepositoryByName(tx, { workspaceId, owner: match[1], name: match[2] }))?.id ?? null;
}

/** Later steps add to what earlier ones said; an empty report never erases a known one. */
function mergeDetails(
  existing: Record<string, unknown> | null,
  meta: StoredSeerObservationMetadata,
  action: string,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...existing };
  for (const key of DETAIL_KEYS) {
    const value = meta[key];
    if (value !== null && !(Array.isArray(value) && value.length === 0)) merged[key] = value;
  }
  const steps: unknown[] = Array.isArray(merged.steps) ? merged.steps : [];
  merged.steps = steps.includes(action) ? steps : [...steps, action];
  return merged;
}

/** The changes' patches as one diff. Observations keep only change stats today, so usually null. */
function patchesOf(changes: StoredSeerObservationMetadata["changes"]): string | null {
  const diffs = changes.flatMap((change) => {
    const diff = change.diff ?? change.patch;
    return diff !== undefined && diff.trim() !== "" ? [diff] : [];
  });
  return diffs.length > 0 ? diffs.join("\n") : null;
}

import {
  adoptSeerRun,
  appendFixRunEvent,
  type Db,
  findSeerRun,
  type FixRun,
  getFixRun,
  getSentryIssue,
  getWorkspacePolicy,
  latestFixRunEvent,
  type SentryIssue,
  transitionFixRun,
} from "@suture/db";
import type { AutofixStoppingPoint } from "@suture/sentry";
import { getDb } from "../database.ts";
import { failFixRun } from "../fixes/dispatch/fail-fix-run.ts";
import { sentryApiForIssue } from "../clients/sentry-api.ts";
import { env } from "../env.ts";

export type SeerDispatchResult =
  | { status: "started"; fixRun: FixRun; seerRunId: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; error: string };

/**
 * Hands an approved run to Seer (the workspace's policy says `dispatchViaSeer`): starts Autofix
 * on the issue and keeps the Seer run id, so Seer's webhooks advance this run. The run is claimed
 * (`running`) before the call. A retry after Seer answered but before its run id was stored
 * starts Seer again: Sentry offers no idempotency key for Autofix. Only an approved run, or one
 * this path claimed, is handed over: never a run Suture's agent is working on.
 */
export async function dispatchViaSeer(fixRunId: string): Promise<SeerDispatchResult> {
  const db = await getDb();
  const claim = await db.transaction((tx) => claimForSeer(tx, fixRunId));
  // A claimed run that cannot go on must not stay `running`: it would hold its issue forever.
  if (claim.status === "failed") return fail(fixRunId, claim.error);
  if (claim.status !== "claimed") return claim;

  const client = await sentryApiForIssue(db, { workspaceId: claim.run.workspaceId, issueId: claim.issue.id });
  if (client.status !== "ok") return fail(fixRunId, `Cannot dispatch via Seer: ${client.reason}`);
  const stoppingPoint = env.SUTURE_SEER_STOPPING_POINT;
  const started = await client.api.startAutofix(claim.issue.sentryIssueId, { stoppingPoint });
  if (started.status === "failed") return fail(fixRunId, `Seer did not start: ${started.error}`);
  return db.transaction((tx) => recordSeerStart(tx, claim, started.runId, stoppingPoint));
}

type SeerClaim = { status: "claimed"; run: FixRun; issue: SentryIssue };

/** Claims the run for Seer (`running`), unless Seer already has it or the policy or state says no. */
async function claimForSeer(tx: Db, fixRunId: string): Promise<SeerDispatchResult | SeerClaim> {
  const run = await getFixRun(tx, { id: fixRunId });
  if (!run) return { status: "skipped", reason: `no fix run ${fixRunId}` };
  if (run.status === "running" && run.seerRunId) return { status: "started", fixRun: run, seerRunId: run.seerRunId };
  if (run.origin !== "suture") return { status: "skipped", reason: "Seer runs are dispatched by Seer" };
  if (!(await getWorkspacePolicy(tx, { workspaceId: run.workspaceId })).dispatchViaSeer) {
    return { status: "skipped", reason: "the workspace's policy does not dispatch via Seer" };
  }
  // `running` without a Seer run id: a previous attempt died before Seer answered — unless the
  // agent path claimed it (it records `started` with the claim; this path records nothing).
  if (run.status === "running" && (await latestFixRunEvent(tx, { fixRunId, kind: "started" }))) {
    return { status: "skipped", reason: "the run is being fixed by Suture's agent" };
  }
  const claimed = await transitionFixRun(tx, {
    id: fixRunId,
    from: ["approved", "running"],
    to: "running",
    fields: {
      startedAt: run.startedAt ?? new Date(),
    },
  });
  if (!claimed) return { status: "skipped", reason: `the run is ${run.status.replaceAll("_", " ")}` };
  const issue = await getSentryIssue(tx, { workspaceId: run.workspaceId, id: run.sentryIssueId });
  if (!issue) return { status: "failed", error: `fix run ${fixRunId} has no Sentry issue` };
  return { status: "claimed", run: claimed, issue };
}

/** Keeps Seer's run id on the run, adopting a run Seer's first webhook made before its answer came back. */
async function recordSeerStart(
  tx: Db,
  { run, issue }: SeerClaim,
  seerRunId: string,
  stoppingPoint: AutofixStoppingPoint,
): Promise<SeerDispatchResult> {
  const fixRunId = run.id;
  const upTo = stoppingPoint === "open_pr" ? "" : ` (it stops at its ${stoppingPoint.replace("_", " ")})`;
  await appendFixRunEvent(tx, {
    fixRunId,
    event: {
      kind: "seer_started",
      message: `Seer Autofix run ${seerRunId} started on Sentry issue ${issue.shortId ?? issue.sentryIssueId}${upTo}`,
      data: { seerRunId },
    },
  });
  // Seer's first webhook can beat its answer here, and then already made a run of its own.
  const early = await findSeerRun(tx, { workspaceId: run.workspaceId, seerRunId });
  const learned = early && early.id !== fixRunId ? early : null;
  if (learned) await adoptSeerRun(tx, { fromRunId: learned.id, intoRunId: fixRunId });
  const updated = await transitionFixRun(tx, {
    id: fixRunId,
    from: ["running"],
    to: learned?.status === "pr_open" ? "pr_open" : "running",
    fields: {
      seerRunId,
      ...(learned
        ? {
            summary: learned.summary,
            seerDetails: learned.seerDetails,
            prUrl: learned.prUrl,
            prNumber: learned.prNumber,
            diff: learned.diff,
          }
        : {}),
    },
  });
  if (!updated) return { status: "failed", error: `fix run ${fixRunId} changed while Seer started (run ${seerRunId})` };
  return { status: "started", fixRun: updated, seerRunId };
}

async function fail(fixRunId: string, reason: string): Promise<SeerDispatchResult> {
  await failFixRun(fixRunId, reason);
  return { status: "failed", error: reason };
}

import {
  appendFixRunEvent,
  countFixRuns,
  type Db,
  findWorkspaceRepositories,
  type FixRun,
  getObservations,
  getSentryIssuesByIds,
  getWorkspacePolicy,
  latestFixRunsForIssues,
  lockWorkspaceBudget,
  type Observation,
  openFixRun,
  type Repository,
  type SentryIssue,
  transitionFixRun,
} from "@suture/db";
import { ACTIVE_FIX_RUN_STATUSES } from "@suture/db/schema";
import { getDb } from "../database.ts";
import { dispatchBudgetExceeded } from "./dispatch-budget.ts";
import { TRIGGERS, withinAutoThresholds } from "./fix-policy.ts";

export type TriageOutcome =
  | { observationId: string; status: "opened"; fixRun: FixRun; autoApproved: boolean }
  | { observationId: string; status: "skipped"; reason: string };

/**
 * Decides, for new observations, whether their issue gets a fix run awaiting approval (or
 * approved by an auto policy). One decision per issue per batch: an error storm of thousands
 * of events costs one look per batch, and the partial unique index makes it one run in all.
 * What every decision reads first (issues, repositories, latest runs) is read for the whole
 * batch in three queries; only an issue that may get a run takes a transaction of its own.
 */
export async function triageObservations(observationIds: readonly string[]): Promise<TriageOutcome[]> {
  const db = await getDb();
  const observations = await getObservations(db, { ids: observationIds });
  const outcomes: TriageOutcome[] = [];
  const perIssue = new Map<string, Observation>();
  for (const observation of observations) {
    if (!TRIGGERS.has(observation.sourceType) || !observation.sentryIssueId) {
      outcomes.push({
        observationId: observation.id,
        status: "skipped",
        reason: `${observation.sourceType} does not open fix runs`,
      });
      continue;
    }
    const seen = perIssue.get(observation.sentryIssueId);
    // A regression outranks other triggers in the same batch: it reopens a rejected issue.
    if (!seen || observation.sourceType === "issue.unresolved") perIssue.set(observation.sentryIssueId, observation);
    // The one skipped is whichever is not kept for the issue.
    if (seen)
      outcomes.push({
        observationId: (perIssue.get(observation.sentryIssueId) === observation ? seen : observation).id,
        status: "skipped",
        reason: "same issue as another observation in this batch",
      });
  }
  if (perIssue.size === 0) return outcomes;
  const known = await readBatch(db, perIssue);
  for (const observation of perIssue.values()) {
    const checked = precheck(observation, known);
    outcomes.push(
      "skip" in checked
        ? { observationId: observation.id, status: "skipped", reason: checked.skip }
        : await triageOne(db, observation, checked.issue, checked.repository),
    );
  }
  return outcomes;
}

type Batch = Awaited<ReturnType<typeof readBatch>>;

async function readBatch(db: Db, perIssue: Map<string, Observation>) {
  const workspaceIds = [...new Set([...perIssue.values()].map((o) => o.workspaceId))];
  const [issues, repositories, latest] = await Promise.all([
    getSentryIssuesByIds(db, { ids: [...perIssue.keys()] }),
    findWorkspaceRepositories(db, { workspaceIds }),
    latestFixRunsForIssues(db, { sentryIssueIds: [...perIssue.keys()] }),
  ]);
  return { issues: new Map(issues.map((issue) => [issue.id, issue])), repositories, latest };
}

/** Why this observation's issue gets no run, from what was read for the batch; else what the run needs. */
function precheck(
  observation: Observation,
  { issues, repositories, latest }: Batch,
): { skip: string } | { issue: SentryIssue; repository: Repository } {
  const issue = issues.get(observation.sentryIssueId ?? "");
  if (!issue || issue.workspaceId !== observation.workspaceId) return { skip: "issue not found" };
  if (issue.status && issue.status !== "unresolved") return { skip: `issue is ${issue.status}` };
  const repository = repositories.get(observation.workspaceId);
  if (!repository) return { skip: "no repository is connected to this workspace" };
  const last = latest.get(issue.id);
  if (last?.status === "rejected" && observation.sourceType !== "issue.unresolved") {
    return { skip: `a person rejected the last run (${last.rejectedBy ?? "unknown"}); waiting for a regression` };
  }
  return { issue, repository };
}

async function triageOne(
  db: Db,
  observation: Observation,
  issue: SentryIssue,
  repository: Repository,
): Promise<TriageOutcome> {
  const skip = (reason: string): TriageOutcome => ({ observationId: observation.id, status: "skipped", reason });
  return db.transaction(async (tx) => {
    const policy = await getWorkspacePolicy(tx, { workspaceId: observation.workspaceId });
    await lockWorkspaceBudget(tx, { workspaceId: observation.workspaceId });
    const active = await countFixRuns(tx, { workspaceId: observation.workspaceId, statuses: ACTIVE_FIX_RUN_STATUSES });
    if (active >= policy.maxActiveRuns) return skip(`budget: ${active} active runs (limit ${policy.maxActiveRuns})`);

    const run = await openFixRun(tx, {
      workspaceId: observation.workspaceId,
      sentryIssueId: issue.id,
      repositoryId: repository.id,
      status: "awaiting_approval",
      triggerObservationId: observation.id,
    });
    if (!run) return skip("the issue already has an active fix run");
    await appendFixRunEvent(tx, {
      fixRunId: run.id,
      event: {
        kind: "triaged",
        message: `Opened for ${issue.shortId ?? issue.sentryIssueId} after ${observation.sourceType}`,
        data: { observationId: observation.id, repository: `${repository.owner}/${repository.name}` },
      },
    });

    const notAuto = withinAutoThresholds(policy, issue, observation) ?? (await dispatchBudgetExceeded(tx, policy));
    if (notAuto) return { observationId: observation.id, status: "opened", fixRun: run, autoApproved: false };
    const approved = await transitionFixRun(tx, {
      id: run.id,
      from: ["awaiting_approval"],
      to: "approved",
      fields: {
        approvedBy: "policy",
        approvedAt: new Date(),
      },
    });
    await appendFixRunEvent(tx, {
      fixRunId: run.id,
      event: { kind: "approved", message: "Approved by the workspace's auto policy" },
    });
    return {
      observationId: observation.id,
      status: "opened",
      fixRun: approved ?? run,
      autoApproved: Boolean(approved),
    };
  });
}

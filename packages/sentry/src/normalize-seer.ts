import { contentHash } from "./canonical-json.ts";
import { seerActionRepeats } from "./dedup-key.ts";
import { MARKERS, title } from "./markers.ts";
import {
  type NormalizeOptions,
  actorName,
  emptyIssue,
  emptyMetadata,
  issueReference,
  observed,
  occurredAt,
  references,
} from "./observation.ts";
import { SentryPayloadError, parseData } from "./payload-error.ts";
import { seerDataSchema, seerRequiredByAction } from "./schemas/seer.ts";
import {
  changeSummaries,
  changesSection,
  pullRequestLabel,
  pullRequests,
  pullRequestsSection,
  rootCauseSection,
  solutionSection,
} from "./seer-sections.ts";
import { sections } from "./markdown.ts";
import type { Normalized, SeerObservationMetadata, SentryEnvelope } from "./types.ts";

const WHAT: Record<string, string> = {
  root_cause_started: "Seer root cause analysis started",
  root_cause_completed: "Seer root cause found",
  solution_started: "Seer solution started",
  solution_completed: "Seer solution ready",
  coding_started: "Seer coding started",
  coding_completed: "Seer code changes ready",
  pr_created: "Seer opened a pull request",
  iteration_started: "Seer iteration started",
  iteration_completed: "Seer iteration completed",
  pr_ready_for_review: "Seer pull request ready for review",
};

/** `seer.*`: one step of a Seer (Autofix) run on an issue. Unknown actions are shown generically. */
export function normalizeSeer(envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const { action } = envelope;
  const event = `seer.${action}`;
  const data = parseData(seerDataSchema, envelope.data, event);
  // Own keys only: an action named like an Object.prototype member (`toString`) has no rule.
  const required = Object.hasOwn(seerRequiredByAction, action) ? seerRequiredByAction[action] : undefined;
  const missing = required?.(data);
  if (missing) throw new SentryPayloadError(event, [missing]);

  const changes = changeSummaries(data);
  const prs = pullRequests(data);
  const what = (Object.hasOwn(WHAT, action) && WHAT[action]) || `Seer ${action.replace(/_/g, " ")}`;
  const subject =
    data.root_cause?.description ??
    data.root_cause?.one_line_description ??
    data.solution?.description ??
    data.solution?.one_line_summary ??
    (prs[0] ? pullRequestLabel(prs[0]) : null) ??
    changes[0]?.title ??
    (changes.length > 0
      ? `${changes.length} file change${changes.length === 1 ? "" : "s"} in ${changes[0]?.repo ?? "a repository"}`
      : null) ??
    `issue ${data.group_id}`;

  return observed(
    {
      sourceType: event,
      sourceId: stepId(data.run_id, action, envelope.data),
      title: title(MARKERS.seer, what, subject),
      body: sections(
        `Seer run ${data.run_id} on Sentry issue ${data.group_id}: ${what.replace(/^Seer /, "")}.`,
        rootCauseSection(data.root_cause),
        solutionSection(data.solution),
        changesSection(changes),
        pullRequestsSection(prs),
      ),
      actor: actorName(envelope.actor),
      // Seer payloads carry no time at all.
      occurredAt: occurredAt(options),
      references: references(
        issueReference(data.group_id, null, null),
        { type: "seer_run", id: data.run_id, label: `Seer run ${data.run_id}` },
        ...prs.map((pr) => ({
          type: "pull_request" as const,
          id: pr.url ?? pullRequestLabel(pr),
          url: pr.url,
          label: pullRequestLabel(pr),
        })),
      ),
      metadata: {
        ...emptyMetadata(),
        issueId: data.group_id,
        seerRunId: data.run_id,
        seerAction: action,
        rootCause: data.root_cause?.description ?? data.root_cause?.one_line_description ?? null,
        solution: data.solution?.description ?? data.solution?.one_line_summary ?? null,
        changes,
        pullRequests: prs,
      } satisfies SeerObservationMetadata,
    },
    emptyIssue(data.group_id),
    { projectSlug: null, projectId: null },
  );
}

/** A step that can repeat in a run (an iteration) is told apart by its content, as its dedup key is. */
function stepId(runId: string, action: string, data: Record<string, unknown>): string {
  return seerActionRepeats(action) ? `${runId}:${action}:${contentHash(data).slice(0, 16)}` : `${runId}:${action}`;
}

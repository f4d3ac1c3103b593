import type { Observation, SentryIssue, WorkspacePolicy } from "@suture/db";

/** Observations that can open a run: a new issue, a regression, an alert, or an error of an issue. */
export const TRIGGERS = new Set(["issue.created", "issue.unresolved", "event_alert.triggered", "error.created"]);

/** Whether an auto-mode workspace may approve this issue without a person. */
export function withinAutoThresholds(
  policy: WorkspacePolicy,
  issue: SentryIssue,
  observation: Observation,
): string | null {
  if (policy.mode !== "auto") return "workspace policy is manual";
  if (!issue.level || !policy.autoLevels.includes(issue.level))
    return `level ${issue.level ?? "unknown"} is not auto-approved`;
  if ((issue.eventCount ?? 0) < policy.autoMinEvents)
    return `${issue.eventCount ?? 0} events, policy needs ${policy.autoMinEvents}`;
  if ((issue.userCount ?? 0) < policy.autoMinUsers)
    return `${issue.userCount ?? 0} users, policy needs ${policy.autoMinUsers}`;
  const environment = observation.environment;
  if (policy.autoEnvironments.length > 0 && (!environment || !policy.autoEnvironments.includes(environment))) {
    return `environment ${environment ?? "unknown"} is not auto-approved`;
  }
  return null;
}

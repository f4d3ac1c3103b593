import { countFixRuns, type Db, lockWorkspaceBudget, type WorkspacePolicy } from "@suture/db";

const HOUR = 3_600_000;

/**
 * Why one more dispatch would exceed the workspace's budgets, or null. Call inside a
 * transaction: it takes the workspace's budget lock, so concurrent approvals count each other.
 */
export async function dispatchBudgetExceeded(
  tx: Db,
  policy: WorkspacePolicy,
  now = new Date(),
): Promise<string | null> {
  await lockWorkspaceBudget(tx, { workspaceId: policy.workspaceId });
  const lastHour = await countFixRuns(tx, {
    workspaceId: policy.workspaceId,
    approvedSince: new Date(now.getTime() - HOUR),
  });
  if (lastHour >= policy.maxDispatchesPerHour)
    return `budget: ${lastHour} dispatches in the last hour (limit ${policy.maxDispatchesPerHour})`;
  const lastDay = await countFixRuns(tx, {
    workspaceId: policy.workspaceId,
    approvedSince: new Date(now.getTime() - 24 * HOUR),
  });
  if (lastDay >= policy.maxDispatchesPerDay)
    return `budget: ${lastDay} dispatches in the last day (limit ${policy.maxDispatchesPerDay})`;
  return null;
}

import { dispatchFixRun } from "./dispatch-fix-run.ts";
import { linkRelease } from "./link-release.ts";
import { readDeploymentRange } from "./read-deployment-range.ts";
import { processLoneSentryDelivery, processSentryDelivery } from "./process-sentry-delivery.ts";
import { processGithubDelivery } from "./process-github-delivery.ts";
import { reconcilePullRequests } from "./reconcile-pull-requests.ts";
import { repairFixRunFunction } from "./repair-fix-run.ts";
import { recordSeerRuns } from "./record-seer-runs.ts";
import { resolveFixedIssue } from "./resolve-fixed-issue.ts";
import { sweepPendingDeliveries } from "./sweep-pending-deliveries.ts";
import { syncSentryIssues } from "./sync-sentry-issues.ts";
import { sentrySyncCron } from "../../config.ts";

/** Every function the app serves; `/api/inngest` serves exactly this list. */
export const functions = [
  processSentryDelivery,
  processLoneSentryDelivery,
  linkRelease,
  readDeploymentRange,
  sweepPendingDeliveries,
  dispatchFixRun,
  recordSeerRuns,
  resolveFixedIssue,
  processGithubDelivery,
  reconcilePullRequests,
  repairFixRunFunction,
  // SUTURE_SENTRY_SYNC_CRON=off: not served at all, so no executor schedules it.
  ...(sentrySyncCron ? [syncSentryIssues] : []),
];

import { sentrySyncCron } from "../../config.ts";
import { syncSentryIssues as runSync } from "../../sentry-sync/sync-sentry-issues.ts";
import { inngest } from "../client.ts";
import { deliveryReceived } from "../events.ts";

/**
 * Every five minutes (SUTURE_SENTRY_SYNC_CRON), reads each organization's issues seen since the
 * last run and stores what no webhook announced (internal integrations get no retries); the new
 * deliveries go through process-sentry-delivery like any other, triage included.
 */
export const syncSentryIssues = inngest.createFunction(
  {
    id: "sync-sentry-issues",
    retries: 1,
    concurrency: { limit: 1 },
    triggers: [{ cron: sentrySyncCron ?? "*/5 * * * *" }],
  },
  async ({ step }) => {
    const report = await step.run("sync", () => runSync());
    // The delivery id is the event id, as for a webhook: a second announcement is dropped.
    if (report.deliveryIds.length > 0)
      await step.sendEvent(
        "announce-recovered",
        report.deliveryIds.map((deliveryId) => deliveryReceived.create({ deliveryId }, { id: deliveryId })),
      );
    return report.organizations.map(({ org, status, pages, recovered, error }) => ({
      org,
      status,
      pages,
      recovered: recovered.length,
      error,
    }));
  },
);

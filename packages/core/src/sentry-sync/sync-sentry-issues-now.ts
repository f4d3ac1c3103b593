import { announceSentryDelivery } from "../ingest/sentry/announce-sentry-delivery.ts";
import { type SyncOptions, type SyncReport, syncSentryIssues } from "./sync-sentry-issues.ts";

/**
 * The sync run by hand (`pnpm suture sync`): the same as the cron's, and the recovered
 * deliveries announced from here. A send that fails is logged; the sweeper announces them.
 */
export async function syncSentryIssuesNow(options: SyncOptions = {}): Promise<SyncReport> {
  const report = await syncSentryIssues(options);
  await Promise.all(report.deliveryIds.map((deliveryId) => announceSentryDelivery(deliveryId)));
  return report;
}

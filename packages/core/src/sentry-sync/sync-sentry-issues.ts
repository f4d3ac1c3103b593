import { type Db, describeError, getSentrySync, recordSentrySync } from "@suture/db";
import type { IssuePage, ListIssuesParams, SentryApi, SentryApiResult } from "@suture/sentry";
import { getDb } from "../database.ts";
import { log } from "../observability/log.ts";
import { type RecoveredIssue, recoverIssues } from "./recover-issues.ts";
import { type SyncTarget, syncTargets } from "./sync-targets.ts";

/** Each run reads again a little before where the last one stopped: Sentry updates lastSeen late. */
const OVERLAP_MS = 5 * 60_000;
/** An organization never synced is read this far back, unless `since` says otherwise. */
const FIRST_LOOKBACK_MS = 60 * 60_000;
/** 100 issues a page: a run reads at most 10,000; the next run takes the rest. */
const MAX_PAGES = 100;
/** Longer waits for Sentry's rate limit end the run instead: the next one continues. */
const MAX_WAIT_SECONDS = 30;

export interface OrganizationSync {
  org: string;
  installationUuid: string | null;
  status: "synced" | "failed";
  since: string;
  until: string;
  pages: number;
  seen: number;
  /** Entries of Sentry's list that were no issue. */
  rejected: number;
  recovered: RecoveredIssue[];
  error: string | null;
}

export interface SyncReport {
  organizations: OrganizationSync[];
  /** The new pending deliveries, to announce. */
  deliveryIds: string[];
}

export interface SyncOptions {
  /** Read issues seen since then, instead of since the last run. */
  since?: Date;
  now?: Date;
}

/**
 * Recovers lost webhooks: lists each organization's issues seen since its last sync and stores a
 * delivery for every issue Suture never heard of (see recoverIssues). The deliveries still have
 * to be announced: processing them makes the observations (source `sentry-sync`) and triages them.
 */
export async function syncSentryIssues(options: SyncOptions = {}): Promise<SyncReport> {
  const db = await getDb();
  const organizations: OrganizationSync[] = [];
  for (const target of await syncTargets(db)) organizations.push(await syncOrganization(db, target, options));
  return { organizations, deliveryIds: organizations.flatMap((o) => o.recovered.map((r) => r.deliveryId)) };
}

async function syncOrganization(db: Db, target: SyncTarget, options: SyncOptions): Promise<OrganizationSync> {
  const now = options.now ?? new Date();
  const last = (await getSentrySync(db, { orgSlug: target.org }))?.syncedUntil;
  const since = options.since ?? new Date(last ? last.getTime() - OVERLAP_MS : now.getTime() - FIRST_LOOKBACK_MS);
  const report: OrganizationSync = {
    org: target.org,
    installationUuid: target.installationUuid,
    status: "failed",
    since: since.toISOString(),
    until: now.toISOString(),
    pages: 0,
    seen: 0,
    rejected: 0,
    recovered: [],
    error: null,
  };
  try {
    report.error =
      target.client.status === "ok"
        ? await readIssues(db, target, target.client.api, { since, until: now }, report)
        : target.client.reason;
  } catch (error) {
    report.error = describeError(error);
  }
  if (report.error === null) report.status = "synced";
  else log.warn({ org: target.org, error: report.error }, "the Sentry sync of an organization stopped");
  // A --since later than the last sync leaves a gap unread: the progress does not jump over it.
  const gapless = !last || since.getTime() <= last.getTime();
  await recordSentrySync(db, {
    orgSlug: target.org,
    syncedUntil: report.status === "synced" && gapless ? now : null,
    lastRunAt: new Date(),
    lastError: report.error,
    recovered: report.recovered.length,
  });
  return report;
}

/** Every page of the range, recovering as it goes; null when all was read, else why it stopped. */
async function readIssues(
  db: Db,
  target: SyncTarget,
  api: SentryApi,
  range: Pick<ListIssuesParams, "since" | "until">,
  report: OrganizationSync,
): Promise<string | null> {
  let cursor: string | undefined;
  for (;;) {
    const page = await readPage(api, { ...range, ...(cursor ? { cursor } : {}) });
    if (page.status === "failed") return page.error;
    report.pages += 1;
    report.seen += page.issues.length;
    report.rejected += page.rejected.length;
    const recovered = await recoverIssues(db, {
      org: target.org,
      installationUuid: target.installationUuid,
      issues: page.issues,
    });
    report.recovered.push(...recovered);
    if (!page.nextCursor) return null;
    if (report.pages >= MAX_PAGES) return `stopped after ${MAX_PAGES} pages; the next run reads the range again`;
    const paced = await paceRateLimit(page.rateLimit);
    if (paced) return paced;
    cursor = page.nextCursor;
  }
}

/** One page; after a 429, waits as long as Sentry asks (if short) and tries once more. */
async function readPage(api: SentryApi, params: ListIssuesParams): Promise<SentryApiResult<IssuePage>> {
  const first = await api.listIssues(params);
  if (first.status === "ok" || first.httpStatus !== 429) return first;
  const wait = first.retryAfterSeconds ?? 60;
  if (wait > MAX_WAIT_SECONDS) return { ...first, error: `${first.error} (rate limited; retry after ${wait} s)` };
  await sleep(wait * 1000);
  return api.listIssues(params);
}

/** With Sentry's allowance used up, waits for its reset if that is soon; else says why it stops. */
async function paceRateLimit({ remaining, resetAt }: IssuePage["rateLimit"]): Promise<string | null> {
  if (remaining === null || remaining > 0 || !resetAt) return null;
  const waitMs = resetAt.getTime() - Date.now();
  if (waitMs > MAX_WAIT_SECONDS * 1000) return `Sentry's rate limit is used up until ${resetAt.toISOString()}`;
  if (waitMs > 0) await sleep(waitMs);
  return null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

import { parseArgs } from "node:util";
import { type OrganizationSync, syncSentryIssuesNow } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { UsageError } from "./send.ts";

export const SYNC_USAGE = `suture sync [--since 24h|90m|7d|<ISO date>]

Recovers lost Sentry webhooks now, as the cron does (SUTURE_SENTRY_SYNC_CRON): lists each
organization's issues seen since its last sync (or --since) and records the new issues and
regressions Suture never heard of, as observations of source sentry-sync. Prints what it
recovered; exits 1 when an organization could not be read.`;

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseSince(text: string, now = Date.now()): Date {
  const relative = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (relative) return new Date(now - Number(relative[1]) * (UNITS[relative[2] ?? "h"] ?? 0));
  const date = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(date) && date <= now) return new Date(date);
  throw new UsageError(`--since must be like 30m, 24h, 7d or a past ISO date, got "${text}"`);
}

export async function sync(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { since: { type: "string" } },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const since = values.since === undefined ? undefined : parseSince(values.since);
  try {
    const report = await syncSentryIssuesNow(since ? { since } : {});
    if (report.organizations.length === 0) {
      console.error("suture sync: no Sentry organization to read (set SENTRY_ORG, or an installation's --org)");
      return 1;
    }
    for (const org of report.organizations) console.log(describe(org));
    return report.organizations.some((o) => o.status === "failed") ? 1 : 0;
  } finally {
    await closeDb();
  }
}

function describe(o: OrganizationSync): string {
  const head =
    o.status === "synced"
      ? `${o.org}: read ${o.seen} issues seen since ${o.since} (${o.pages} pages), recovered ${o.recovered.length}`
      : `${o.org}: failed after ${o.pages} pages, recovered ${o.recovered.length}: ${o.error ?? "unknown error"}`;
  const rejected = o.rejected > 0 ? [`  ${o.rejected} entries of Sentry's list were no issue and were skipped`] : [];
  const lines = o.recovered.map((r) =>
    `  ${r.kind === "new" ? "new issue " : "regression"}  ${r.shortId ?? r.issueId}  ${r.title ?? ""}`.trimEnd(),
  );
  return [head, ...lines, ...rejected].join("\n");
}

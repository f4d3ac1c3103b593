import type { IssuePage } from "@suture/core";
import { LevelBadge } from "@/components/badges";
import { TimeAgo } from "@/components/time-ago";

type Found = Extract<IssuePage, { status: "found" }>;

/** Title, short id (to Sentry when the link is safe), level, status, counts, first and last seen, release. */
export function IssueHeader({ page, now }: { page: Found; now: number }) {
  const { issue, release } = page;
  const code = issue.shortId ?? issue.sentryIssueId;
  return (
    <div className="space-y-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{issue.title ?? "Untitled issue"}</h1>
        {issue.culprit ? <p className="mt-1 font-mono text-sm break-all text-slate-500">{issue.culprit}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
        {/* webUrl is an https: link or null (safeHttpsUrl in core). */}
        {issue.webUrl ? (
          <a
            href={issue.webUrl}
            className="font-mono font-medium text-indigo-700 hover:underline"
            rel="noreferrer"
            target="_blank"
            title="Open in Sentry"
          >
            {code}
          </a>
        ) : (
          <span className="font-mono">{code}</span>
        )}
        <LevelBadge level={issue.level} />
        <span className="rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
          {issue.status ?? "unresolved"}
        </span>
        {issue.projectSlug ? <span className="text-slate-600">{issue.projectSlug}</span> : null}
      </div>
      <dl className="flex flex-wrap gap-x-8 gap-y-3 text-sm">
        <Fact label="Events">{String(issue.eventCount ?? 0)}</Fact>
        <Fact label="Users">{String(issue.userCount ?? 0)}</Fact>
        <Fact label="First seen">{issue.firstSeen ? <TimeAgo date={issue.firstSeen} now={now} /> : "—"}</Fact>
        <Fact label="Last seen">{issue.lastSeen ? <TimeAgo date={issue.lastSeen} now={now} /> : "—"}</Fact>
        <Fact label="Release">
          {release ? <span className="font-mono">{release}</span> : <span className="text-slate-400">—</span>}
        </Fact>
      </dl>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

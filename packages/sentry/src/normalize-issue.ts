import { code, facts, link, sections } from "./markdown.ts";
import { changeLine, headline, userName } from "./issue-wording.ts";
import { title } from "./markers.ts";
import {
  type NormalizeOptions,
  actorName,
  emptyMetadata,
  iso,
  issueReference,
  observed,
  occurredAt,
  references,
} from "./observation.ts";
import { parseData } from "./payload-error.ts";
import { type SentryIssue, issueAssignedDataSchema, issueDataSchema } from "./schemas/issue.ts";
import type { Normalized, SentryEnvelope, SentryIssueUpsert } from "./types.ts";

/** `issue.*`: the serialized issue (no stack trace; that comes with `error.created`). */
export function normalizeIssue(envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const { action } = envelope;
  const event = `issue.${action}`;
  const data = parseData(issueDataSchema, envelope.data, event);
  // Only `issue.assigned` must name an assignee.
  const assignee = action === "assigned" ? parseData(issueAssignedDataSchema, envelope.data, event).assignee : null;
  const { issue } = data;
  const assigneeName = assignee ? (assignee.name ?? assignee.email ?? assignee.id ?? "someone") : null;
  const upsert = issueUpsert(issue);
  const [marker, what] = headline(action, issue, assigneeName);
  const details = issue.statusDetails ?? {};
  // statusDetails.actor is a whole user record (emails, avatar, login times); keep only its name.
  const { actor: _statusActor, ...statusDetailsWithoutActor } = details;
  const inRelease = typeof details.inRelease === "string" ? details.inRelease : null;
  const by = actorName(envelope.actor);

  const change = changeLine(action, issue, { resolutionType: data.resolution_type, inRelease, assignee, assigneeName, by });

  const body = sections(
    issue.metadata?.type ? `**${issue.metadata.type}**: ${issue.metadata.value ?? ""}`.trim() : null,
    change,
    facts([
      ["Issue", issue.shortId ? code(issue.shortId) : issue.id],
      ["Project", issue.project?.slug],
      ["Status", [issue.status, issue.substatus].filter(Boolean).join(" / ")],
      ["Level", issue.level],
      ["Platform", issue.platform],
      ["Culprit", issue.culprit ? code(issue.culprit) : null],
      ["Crashed in", issue.metadata?.function ? `${code(issue.metadata.function)} in ${issue.metadata.filename ?? "?"}` : null],
      ["Occurrences", issue.count],
      ["Users", issue.userCount],
      ["First seen", iso(issue.firstSeen)],
      ["Last seen", iso(issue.lastSeen)],
    ]),
    upsert.webUrl ? link("Open in Sentry", upsert.webUrl) : null,
  );

  return observed(
    {
      sourceType: event,
      sourceId: `${issue.id}:${action}`,
      title: title(marker, what, issue.title ?? `issue ${issue.id}`),
      body,
      actor: by,
      // A new or regressed issue happened at its last event. Other changes (resolve, assign,
      // ignore) carry no time of their own: when Sentry delivered them is closer than lastSeen.
      occurredAt:
        action === "created" || action === "unresolved"
          ? occurredAt(options, issue.lastSeen, issue.firstSeen)
          : occurredAt(options, options?.receivedAt, issue.lastSeen),
      references: references(
        issueReference(issue.id, issue.shortId, upsert.webUrl),
        assignee && { type: "assignee", id: assignee.id ?? assigneeName ?? "unknown", label: assigneeName },
        inRelease && { type: "release", id: inRelease, label: inRelease },
      ),
      metadata: {
        ...emptyMetadata(),
        issueId: issue.id,
        shortId: issue.shortId,
        projectSlug: upsert.projectSlug,
        projectId: upsert.projectId,
        platform: issue.platform,
        level: issue.level,
        status: issue.status,
        eventCount: issue.count,
        userCount: issue.userCount,
        firstSeen: upsert.firstSeen,
        lastSeen: upsert.lastSeen,
        errorType: issue.metadata?.type ?? null,
        errorValue: issue.metadata?.value ?? null,
        culprit: issue.culprit,
        substatus: issue.substatus,
        statusDetails: issue.statusDetails ? statusDetailsWithoutActor : null,
        changedBy: userName(details.actor) ?? by,
        resolutionType: data.resolution_type,
        resolvedInRelease: inRelease,
        assignee: assigneeName,
        assigneeType: assignee?.type ?? null,
        assigneeId: assignee?.id ?? null,
        webUrl: upsert.webUrl,
      },
    },
    upsert,
    { projectSlug: upsert.projectSlug, projectId: upsert.projectId },
  );
}

/** What `sentry_issues` learns from an issue payload. */
export function issueUpsert(issue: SentryIssue): SentryIssueUpsert {
  return {
    id: issue.id,
    shortId: issue.shortId,
    projectId: issue.project?.id ?? null,
    projectSlug: issue.project?.slug ?? null,
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    status: issue.status,
    substatus: issue.substatus,
    platform: issue.platform,
    eventCount: issue.count,
    userCount: issue.userCount,
    firstSeen: iso(issue.firstSeen),
    lastSeen: iso(issue.lastSeen),
    // `permalink` is null in webhooks (serialized without a user); only `issue.created` has `web_url`.
    webUrl: issue.web_url ?? issue.permalink,
  };
}

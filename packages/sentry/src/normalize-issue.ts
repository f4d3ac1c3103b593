import type { z } from "zod";
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
import type { IssueObservationMetadata, Normalized, SentryEnvelope, SentryIssueUpsert } from "./types.ts";

type IssueAssignee = z.infer<typeof issueAssignedDataSchema>["assignee"];

/** One `issue.*` delivery, read: the issue, what happened to it, and who did it. */
interface IssueChange {
  action: string;
  event: string;
  issue: SentryIssue;
  upsert: SentryIssueUpsert;
  resolutionType: string | null;
  inRelease: string | null;
  /** Only `issue.assigned` names an assignee. */
  assignee: IssueAssignee | null;
  assigneeName: string | null;
  /** Who made the change (the delivery's actor). */
  by: string | null;
}

/** `issue.*`: the serialized issue (no stack trace; that comes with `error.created`). */
export function normalizeIssue(envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const change = readIssueChange(envelope);
  const { action, issue, upsert, assignee, assigneeName, inRelease } = change;
  const [marker, what] = headline(action, issue, assigneeName);
  return observed(
    {
      sourceType: change.event,
      sourceId: `${issue.id}:${action}`,
      title: title(marker, what, issue.title ?? `issue ${issue.id}`),
      body: issueBody(change),
      actor: change.by,
      occurredAt: issueOccurredAt(change, options),
      references: references(
        issueReference(issue.id, issue.shortId, upsert.webUrl),
        assignee && { type: "assignee", id: assignee.id ?? assigneeName ?? "unknown", label: assigneeName },
        inRelease && { type: "release", id: inRelease, label: inRelease },
      ),
      metadata: issueMetadata(change),
    },
    upsert,
    { projectSlug: upsert.projectSlug, projectId: upsert.projectId },
  );
}

function readIssueChange(envelope: SentryEnvelope): IssueChange {
  const { action } = envelope;
  const event = `issue.${action}`;
  const data = parseData(issueDataSchema, envelope.data, event);
  const assignee = action === "assigned" ? parseData(issueAssignedDataSchema, envelope.data, event).assignee : null;
  const details = data.issue.statusDetails ?? {};
  return {
    action,
    event,
    issue: data.issue,
    upsert: issueUpsert(data.issue),
    resolutionType: data.resolution_type,
    inRelease: typeof details.inRelease === "string" ? details.inRelease : null,
    assignee,
    assigneeName: assignee ? (assignee.name ?? assignee.email ?? assignee.id ?? "someone") : null,
    by: actorName(envelope.actor),
  };
}

function issueBody(change: IssueChange): string {
  const { action, issue, upsert } = change;
  return sections(
    issue.metadata?.type ? `**${issue.metadata.type}**: ${issue.metadata.value ?? ""}`.trim() : null,
    changeLine(action, issue, change),
    facts([
      ["Issue", issue.shortId ? code(issue.shortId) : issue.id],
      ["Project", issue.project?.slug],
      ["Status", [issue.status, issue.substatus].filter(Boolean).join(" / ")],
      ["Level", issue.level],
      ["Platform", issue.platform],
      ["Culprit", issue.culprit ? code(issue.culprit) : null],
      [
        "Crashed in",
        issue.metadata?.function ? `${code(issue.metadata.function)} in ${issue.metadata.filename ?? "?"}` : null,
      ],
      ["Occurrences", issue.count],
      ["Users", issue.userCount],
      ["First seen", iso(issue.firstSeen)],
      ["Last seen", iso(issue.lastSeen)],
    ]),
    upsert.webUrl ? link("Open in Sentry", upsert.webUrl) : null,
  );
}

/**
 * A new or regressed issue happened at its last event. Other changes (resolve, assign, ignore)
 * carry no time of their own: when Sentry delivered them is closer than lastSeen.
 */
function issueOccurredAt({ action, issue }: IssueChange, options: NormalizeOptions | undefined): string {
  return action === "created" || action === "unresolved"
    ? occurredAt(options, issue.lastSeen, issue.firstSeen)
    : occurredAt(options, options?.receivedAt, issue.lastSeen);
}

function issueMetadata(change: IssueChange): IssueObservationMetadata {
  const { issue, upsert, assignee } = change;
  const details = issue.statusDetails ?? {};
  // statusDetails.actor is a whole user record (emails, avatar, login times); keep only its name.
  const { actor: _statusActor, ...statusDetailsWithoutActor } = details;
  return {
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
    changedBy: userName(details.actor) ?? change.by,
    resolutionType: change.resolutionType,
    resolvedInRelease: change.inRelease,
    assignee: change.assigneeName,
    assigneeType: assignee?.type ?? null,
    assigneeId: assignee?.id ?? null,
    webUrl: upsert.webUrl,
  };
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

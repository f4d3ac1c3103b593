import { facts, sections } from "./markdown.ts";
import { MARKERS, title } from "./markers.ts";
import {
  type NormalizeOptions,
  actorName,
  emptyIssue,
  emptyMetadata,
  issueReference,
  observed,
  occurredAt,
  references,
} from "./observation.ts";
import { parseData } from "./payload-error.ts";
import { commentDataSchema, commentWithTextSchema } from "./schemas/comment.ts";
import type { CommentObservationMetadata, Normalized, SentryEnvelope } from "./types.ts";

const WHAT: Record<string, string> = {
  created: "Comment on issue",
  updated: "Comment edited on issue",
  deleted: "Comment deleted on issue",
};

/** `comment.*`: a note on an issue, with its text (a delete carries the last text). */
export function normalizeComment(envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const { action } = envelope;
  const event = `comment.${action}`;
  const data = parseData(action === "deleted" ? commentDataSchema : commentWithTextSchema, envelope.data, event);
  const by = actorName(envelope.actor);
  const verb = action === "created" ? "commented" : action === "updated" ? "edited a comment" : "deleted a comment";
  const issue = { ...emptyIssue(data.issue_id), projectSlug: data.project_slug };

  return observed(
    {
      sourceType: event,
      sourceId: `${data.comment_id}:${action}`,
      title: title(MARKERS.comment, `${WHAT[action] ?? "Comment on issue"} ${data.issue_id}`),
      body: sections(
        `**${by ?? "Someone"}** ${verb}${action === "deleted" ? " (last text below)" : ""}:`,
        data.comment ? quote(data.comment) : null,
        facts([
          ["Issue", data.issue_id],
          ["Project", data.project_slug],
        ]),
      ),
      actor: by,
      // `timestamp` is when the note was first written, also on edits and deletes, so those use
      // the receive time and fall back to it.
      occurredAt:
        action === "created"
          ? occurredAt(options, data.timestamp)
          : occurredAt(options, options?.receivedAt, data.timestamp),
      references: references(issueReference(data.issue_id, null, null)),
      metadata: {
        ...emptyMetadata(),
        issueId: data.issue_id,
        projectSlug: data.project_slug,
        commentId: data.comment_id,
        commentAction: action,
        commentWrittenAt: data.timestamp,
      } satisfies CommentObservationMetadata,
    },
    issue,
    { projectSlug: data.project_slug, projectId: null },
  );
}

function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
}

import { z } from "zod";
import { count, id, record, text } from "./common.ts";

/** `GroupSerializer` output as sent in `data.issue`; `url`/`web_url`/`project_url` only on `issue.created`. */
export const issueSchema = z.looseObject({
  id,
  shortId: text,
  title: text,
  culprit: text,
  level: text,
  status: text,
  substatus: text,
  statusDetails: record,
  platform: text,
  permalink: text,
  web_url: text,
  url: text,
  project: z.looseObject({ id: id.nullish(), slug: text, name: text }).nullish(),
  metadata: z.looseObject({ type: text, value: text, filename: text, function: text }).nullish(),
  assignedTo: z.looseObject({ type: text, id: id.nullish(), name: text, email: text }).nullish(),
  count,
  userCount: count,
  firstSeen: text,
  lastSeen: text,
});
export type SentryIssue = z.infer<typeof issueSchema>;

/** `issue.created`, `.resolved`, `.ignored`, `.archived`, `.unresolved`: the issue, plus `resolution_type` on resolve. */
export const issueDataSchema = z.looseObject({ issue: issueSchema, resolution_type: text });

/** `issue.assigned` carries who it was assigned to (a user or a team); the email is left out under enhanced privacy. */
export const issueAssignedDataSchema = issueDataSchema.extend({
  assignee: z.looseObject({ type: text, id: id.nullish(), name: text, email: text }),
});

import { z } from "zod";
import { id, text } from "./common.ts";

/** `comment.*` (`build_comment_webhook`): the note's id, its issue, the text and when it was written. */
export const commentDataSchema = z.looseObject({
  comment_id: id,
  issue_id: id,
  project_slug: text,
  timestamp: text,
  // Sent on every action (a delete still carries the last text); only created/updated require it.
  comment: text,
});
export type CommentData = z.infer<typeof commentDataSchema>;

export const commentWithTextSchema = commentDataSchema.extend({
  comment: z.string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") }),
});

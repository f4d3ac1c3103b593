import { z } from "zod";
import { count, id, text } from "./common.ts";

const stepsSchema = z.array(z.unknown()).nullish();

/**
 * Root cause: the documented shape `{description, steps[{title, code_snippet_and_analysis, ...}]}`
 * or the Explorer artifact `{one_line_description, five_whys[], reproduction_steps[], relevant_repo}`.
 */
export const rootCauseSchema = z.looseObject({
  description: text,
  steps: stepsSchema,
  one_line_description: text,
  five_whys: stepsSchema,
  reproduction_steps: stepsSchema,
  relevant_repo: text,
});

/** Solution: documented `{description, steps[{title}]}` or Explorer `{one_line_summary, steps[{title, description}]}`. */
export const solutionSchema = z.looseObject({ description: text, one_line_summary: text, steps: stepsSchema });

/** Documented `changes[]` item. */
export const changeSchema = z.looseObject({
  repo_name: text,
  repo_external_id: text,
  title: text,
  description: text,
  diff: text,
  branch_name: text,
});

/**
 * Newer `code_changes`: repo name → list of file patches `{diff, path, type, added, removed}`
 * (getsentry/sentry `seer/autofix/on_completion_hook.py`). A single object per repo is accepted too.
 */
export const filePatchSchema = z.looseObject({
  diff: text,
  patch: text,
  path: text,
  type: text,
  added: count,
  removed: count,
  title: text,
  description: text,
  branch_name: text,
});
export type FilePatch = z.infer<typeof filePatchSchema>;

const pullRequestSchema = z.looseObject({
  repo_name: text,
  provider: text,
  pull_request: z.looseObject({ pr_number: count, pr_url: text, pr_id: z.unknown().optional() }).nullish(),
});

export const seerDataSchema = z.looseObject({
  run_id: id,
  group_id: id,
  root_cause: rootCauseSchema.nullish(),
  solution: solutionSchema.nullish(),
  changes: z.array(changeSchema).nullish(),
  code_changes: z.record(z.string(), z.union([z.array(filePatchSchema), filePatchSchema])).nullish(),
  pull_requests: z.array(pullRequestSchema).nullish(),
});
export type SeerData = z.infer<typeof seerDataSchema>;

/** The object each completed step must carry; a completion without it cannot be shown. */
export const seerRequiredByAction: Record<string, (data: SeerData) => string | null> = {
  root_cause_completed: (data) => (data.root_cause ? null : "data.root_cause: is required"),
  solution_completed: (data) => (data.solution ? null : "data.solution: is required"),
  coding_completed: (data) =>
    data.changes || data.code_changes ? null : 'data: one of "changes" or "code_changes" is required',
  pr_created: (data) => (data.pull_requests ? null : "data.pull_requests: is required"),
};

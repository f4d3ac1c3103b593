import { z } from "zod";

/**
 * The kinds of entry a fix run's timeline (`fix_run_events`) holds, each with the shape of its
 * `data`. Entries are written through `appendFixRunEvent` and read back parsed, so a stage that
 * resumes from what an earlier one recorded reads typed values, never a guess.
 */
const nothing = z.object({});
/** What GitHub said about the run's pull request, on every entry it caused. */
const pullRequestUpdate = z.object({ event: z.string(), action: z.string(), headSha: z.string().nullable() });

export const FIX_RUN_EVENT_DATA = {
  /** Triage opened the run. */
  triaged: z.object({ observationId: z.string(), repository: z.string() }),
  approved: nothing,
  rejected: nothing,
  /** The run was claimed for Suture's agent (a run handed to Seer has none). */
  started: nothing,
  context: z.object({
    source: z.enum(["stored", "sentry_api", "none"]),
    eventId: z.string().nullable(),
    frames: z.number(),
    /** How long dispatch waited for a new issue's error delivery (absent on older entries). */
    waitedMs: z.number().optional(),
  }),
  /** The deployment that introduced the error's release, and the commits of its range that touched the stack's files. */
  deployment: z.object({
    deploymentId: z.string(),
    release: z.string(),
    environment: z.string().nullable(),
    commitSha: z.string().nullable(),
    compareUrl: z.string().nullable(),
    commits: z.number().nullable(),
    suspects: z.array(
      z.object({ sha: z.string(), message: z.string(), author: z.string().nullable(), touched: z.array(z.string()) }),
    ),
  }),
  checkout: z.object({ ref: z.string(), sha: z.string() }),
  prompt: z.object({ paths: z.array(z.string()), promptBytes: z.number() }),
  /** A chunk of the agent's output, in the message. */
  agent_output: nothing,
  agent: z.object({
    exitCode: z.number().nullable(),
    timedOut: z.boolean(),
    durationMs: z.number(),
    truncated: z.boolean(),
    error: z.string().nullable(),
  }),
  /** The diff checks, with the policy they were checked against. */
  checks: z.object({
    ok: z.boolean(),
    reason: z.string().nullable(),
    paths: z.array(z.string()),
    added: z.number(),
    removed: z.number(),
    requireTest: z.boolean(),
    protectedPatterns: z.number(),
    maxFiles: z.number(),
    maxLines: z.number(),
  }),
  /** A chunk of the repository's test output, in the message. */
  test_output: nothing,
  tests: z.object({
    command: z.string(),
    ok: z.boolean(),
    error: z.string().nullable(),
    exitCode: z.number().nullable(),
    timedOut: z.boolean(),
    durationMs: z.number(),
    outputTail: z.string(),
  }),
  /** The agent's tests run against the base commit (its fix left out): they must fail there. */
  red_green: z.object({
    command: z.string(),
    testFiles: z.array(z.string()),
    /** The tests failed on the base: they reproduce the bug. */
    reproduced: z.boolean(),
    exitCode: z.number().nullable(),
    timedOut: z.boolean(),
    outputTail: z.string(),
  }),
  /** The branch Suture pushed (or found pushed by an earlier attempt). */
  pushed: z.object({ branch: z.string(), sha: z.string() }),
  failed: z.object({ error: z.string().optional() }),
  pr_opened: z.object({ number: z.number(), url: z.string(), labelError: z.string().nullable() }),
  /** Reviews requested from the CODEOWNERS of the changed files, or why none were. */
  reviewers: z.object({ users: z.array(z.string()), teams: z.array(z.string()), note: z.string().nullable() }),
  slack: z.object({ sent: z.boolean() }),
  sentry_linked: z.object({ prUrl: z.string() }),
  sentry_link_failed: z.object({ prUrl: z.string() }),
  sentry_commented: z.object({ prUrl: z.string(), linkError: z.string().nullable() }),
  sentry_resolve_skipped: nothing,
  sentry_resolve_failed: z.object({ error: z.string(), httpStatus: z.number().nullable() }),
  sentry_resolved: z.object({ sentryIssueId: z.string() }),
  /** Suture handed the run to Seer. */
  seer_started: z.object({ seerRunId: z.string() }),
  pr_merged: pullRequestUpdate,
  pr_closed: pullRequestUpdate,
  pr_reopened: pullRequestUpdate,
  pr_pushed: pullRequestUpdate,
  pr_ready: pullRequestUpdate,
  pr_draft: pullRequestUpdate,
  review: pullRequestUpdate,
  pr_checks: pullRequestUpdate,
  /** A repair of the open PR was requested: failing checks or requested changes, by a person or the policy. */
  repair_started: z.object({
    iteration: z.number(),
    trigger: z.enum(["checks", "review"]),
    by: z.string(),
    headSha: z.string(),
  }),
  /** The repair's commit, pushed onto the PR's branch. */
  repair_pushed: z.object({ iteration: z.number(), branch: z.string(), sha: z.string() }),
  /** The repair ended without a commit; the PR stays as it was. */
  repair_failed: z.object({ iteration: z.number(), error: z.string() }),
} as const;

export type FixRunEventKind = keyof typeof FIX_RUN_EVENT_DATA;
/** What a GitHub update about the run's pull request may add to its timeline. */
export type PullRequestEventKind =
  "pr_merged" | "pr_closed" | "pr_reopened" | "pr_pushed" | "pr_ready" | "pr_draft" | "review" | "pr_checks";
export type FixRunEventData<K extends FixRunEventKind> = z.infer<(typeof FIX_RUN_EVENT_DATA)[K]>;

/** A step Seer reported (`seer.<action>` observations): `seer_<action>`, whatever the action. */
export type SeerStepKind = `seer_${string}`;
export const seerStepData = z.object({
  observationId: z.string(),
  sourceId: z.string(),
  seerRunId: z.string(),
  action: z.string(),
});
export type SeerStepData = z.infer<typeof seerStepData>;

/** An entry as written: `data` may be left out where its kind carries nothing required. */
export type FixRunEventInput =
  | {
      [K in FixRunEventKind]: Record<string, never> extends FixRunEventData<K>
        ? { kind: K; message: string; data?: FixRunEventData<K> }
        : { kind: K; message: string; data: FixRunEventData<K> };
    }[FixRunEventKind]
  | { kind: SeerStepKind; message: string; data: SeerStepData };

/** An entry as read back, its data parsed by its kind. */
export type FixRunEventEntry =
  | { [K in FixRunEventKind]: { kind: K; message: string; data: FixRunEventData<K> } }[FixRunEventKind]
  | { kind: SeerStepKind; message: string; data: SeerStepData };

interface StoredFields {
  id: string;
  fixRunId: string;
  seq: number;
  createdAt: Date;
}

/** A stored entry whose kind or data this version does not read; kept so a timeline is never cut. */
export interface UnreadableFixRunEvent extends StoredFields {
  kind: "unreadable";
  storedKind: string;
  message: string;
  data: unknown;
}

export type FixRunEventOf<K extends FixRunEventKind> = StoredFields & {
  kind: K;
  message: string;
  data: FixRunEventData<K>;
};

export type FixRunEvent = (FixRunEventEntry & StoredFields) | UnreadableFixRunEvent;

/** The data schema of a stored kind, if it is one this version knows. */
function dataSchema(kind: string): z.ZodType | undefined {
  if (Object.hasOwn(FIX_RUN_EVENT_DATA, kind)) return FIX_RUN_EVENT_DATA[kind as FixRunEventKind];
  return kind.startsWith("seer_") ? seerStepData : undefined;
}

/** Checks an entry before it is written; throws on data its kind does not carry. */
export function fixRunEventData(event: FixRunEventInput): Record<string, unknown> {
  const data = event.data ?? {};
  const schema = dataSchema(event.kind);
  if (!schema) throw new Error(`unknown fix run event kind ${event.kind}`);
  schema.parse(data);
  return data;
}

/** A stored row, its data parsed by its kind. */
export function parseFixRunEvent(row: StoredFields & { kind: string; message: string; data: unknown }): FixRunEvent {
  const parsed = dataSchema(row.kind)?.safeParse(row.data);
  if (!parsed?.success) return { ...row, kind: "unreadable", storedKind: row.kind };
  // The schema chosen by the kind parsed the data: the pair is one of the union's members.
  return { ...row, data: parsed.data } as FixRunEvent;
}

/** A stored row of the kind asked for, parsed; undefined if its data is not of that kind's shape. */
export function parseFixRunEventOf<K extends FixRunEventKind>(
  kind: K,
  row: StoredFields & { kind: string; message: string; data: unknown },
): FixRunEventOf<K> | undefined {
  if (row.kind !== kind) return undefined;
  const parsed = FIX_RUN_EVENT_DATA[kind].safeParse(row.data);
  return parsed.success ? { ...row, kind, data: parsed.data as FixRunEventData<K> } : undefined;
}

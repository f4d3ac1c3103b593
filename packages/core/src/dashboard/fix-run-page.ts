import {
  type FixRun,
  type FixRunEvent,
  getWorkspaceFixRun,
  listFixRunEvents,
  type Repository,
  type SentryIssue,
} from "@suture/db";
import { z } from "zod";
import { can, type WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { safeHttpsUrl, safePullRequestUrl } from "../links/safe-https-url.ts";
import { type DiffFileSummary, diffFiles } from "./diff-files.ts";
import { type RunStage, runStages } from "./run-stages.ts";
import { repairTriggerOf, whyNotRepairable } from "../fixes/repair/request-repair.ts";

type EventOf<K extends FixRunEvent["kind"]> = Extract<FixRunEvent, { kind: K }>;

/** Kinds that are output, shown in the log and the checks panel rather than the timeline. */
const OUTPUT_KINDS = new Set<string>(["agent_output", "test_output"]);

export type FixRunPage =
  | {
      status: "found";
      /** `prUrl` is null unless it is an https: link on the configured GitHub (safe as an href). */
      run: Omit<FixRun, "diff">;
      /** `webUrl` is null unless it is an https: link (safe as an href). */
      issue: SentryIssue;
      repository: Pick<Repository, "owner" | "name" | "defaultBranch"> | null;
      /** The timeline without the agent's and the tests' output. */
      events: FixRunEvent[];
      diff: string | null;
      /** The diff's files, each with its counts and its own patch. */
      files: DiffFileSummary[];
      stages: RunStage[];
      /** The agent's output so far (`agent_output`); `logCursor` is the last one's sequence number. */
      log: { seq: number; text: string }[];
      logCursor: number;
      /** The latest diff checks and test run Suture recorded, and the test output's chunks. */
      checks: EventOf<"checks">["data"] | null;
      tests: (EventOf<"tests">["data"] & { output: string }) | null;
      /** The viewer may approve or reject it, and it is waiting for that. */
      canDecide: boolean;
      /** The viewer may ask for a repair of its open PR (checks failed or changes were requested), and one can start. */
      canRepair: boolean;
    }
  | { status: "not_found" };

/** A fix run of the scope's workspace with its issue and timeline; another workspace's is not found. */
export async function getFixRunPage(scope: WorkspaceScope, fixRunId: string): Promise<FixRunPage> {
  if (!z.uuid().safeParse(fixRunId).success) return { status: "not_found" };
  const db = await getDb();
  const found = await getWorkspaceFixRun(db, { workspaceId: scope.workspaceId, fixRunId });
  if (!found) return { status: "not_found" };
  const { diff, ...run } = found.run;
  const events = await listFixRunEvents(db, { fixRunId });
  const log = events.flatMap((e) => (e.kind === "agent_output" ? [{ seq: e.seq, text: e.message }] : []));
  return {
    status: "found",
    // Links come from Sentry, GitHub, Seer or a webhook: an href only when https: (and, for a PR,
    // on the configured GitHub).
    run: { ...run, prUrl: safePullRequestUrl(run.prUrl) },
    issue: { ...found.issue, webUrl: safeHttpsUrl(found.issue.webUrl) },
    repository: found.repository
      ? { owner: found.repository.owner, name: found.repository.name, defaultBranch: found.repository.defaultBranch }
      : null,
    events: events.filter((event) => !OUTPUT_KINDS.has(event.kind)),
    diff,
    files: diff ? diffFiles(diff) : [],
    stages: runStages(run, events),
    log,
    logCursor: log.at(-1)?.seq ?? 0,
    checks: latest(events, "checks")?.data ?? null,
    tests: testsOf(events),
    canDecide: can(scope.role, "decide") && run.status === "awaiting_approval",
    canRepair: can(scope.role, "decide") && whyNotRepairable(found.run, repairTriggerOf(run)) === null,
  };
}

function latest<K extends FixRunEvent["kind"]>(events: FixRunEvent[], kind: K): EventOf<K> | undefined {
  return events.findLast((event): event is EventOf<K> => event.kind === kind);
}

/** The last test run, with the output its chunks carried (else the tail it recorded). */
function testsOf(events: FixRunEvent[]): (EventOf<"tests">["data"] & { output: string }) | null {
  const tests = latest(events, "tests");
  if (!tests) return null;
  // Only this run's chunks: those after the test run before it, if the tests were run again.
  const since = events.findLast((event) => event.kind === "tests" && event.seq < tests.seq)?.seq ?? 0;
  const chunks = events.filter((e) => e.kind === "test_output" && e.seq > since && e.seq < tests.seq);
  const output = chunks.length ? chunks.map((event) => event.message).join("") : tests.data.outputTail;
  return { ...tests.data, output };
}

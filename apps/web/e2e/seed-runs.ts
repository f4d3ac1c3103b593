// Seeds, before the server starts (the embedded database is one process's), fix runs in `acme`
// that got as far as the agent can here only with a real agent and GitHub: a run with a stored
// diff, the agent's output, checks, tests and a draft PR; and one the checks refused.
import {
  appendFixRunEvent,
  findWorkspaceRepository,
  getWorkspaceBySlug,
  openFixRun,
  upsertSentryIssue,
} from "@suture/db";
import type { FixRunEventInput } from "@suture/db";
import { getDb } from "@suture/core/database";

export const SEEDED_RUN_TITLE = "TypeError: Cannot read properties of undefined (reading 'price')";
export const SEEDED_FAILED_TITLE = "RangeError: Invalid time value in formatDate";
export const SEEDED_LOG_LINES = ["Reading src/cart.ts around line 12", "Guarding total() against a missing items list"];

export const SEEDED_DIFF = `diff --git a/src/cart.ts b/src/cart.ts
index 3b18e51..a9c2f04 100644
--- a/src/cart.ts
+++ b/src/cart.ts
@@ -9,7 +9,8 @@ export interface Item {
 }
 
 export function total(items: Item[] | undefined): number {
-  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);
+  if (!items) return 0;
+  return items.reduce((sum, item) => sum + (item.price ?? 0) * item.quantity, 0);
 }
 
 export function isEmpty(items: Item[]): boolean {
diff --git a/test/cart.test.ts b/test/cart.test.ts
index 5d0c1e2..77f1a3b 100644
--- a/test/cart.test.ts
+++ b/test/cart.test.ts
@@ -1,6 +1,10 @@
 import { total } from "../src/cart";
 
 test("sums price times quantity", () => {
   expect(total([{ price: 2, quantity: 3 }])).toBe(6);
 });
+
+test("an undefined cart totals zero", () => {
+  expect(total(undefined)).toBe(0);
+});
`;

async function seedIssue(workspaceId: string, n: number, title: string): Promise<string> {
  return upsertSentryIssue(await getDb(), {
    workspaceId,
    sentryIssueId: `e2e-seeded-${n}`,
    shortId: `SHOP-${40 + n}`,
    title,
    level: "error",
  });
}

async function append(fixRunId: string, events: FixRunEventInput[]): Promise<void> {
  const db = await getDb();
  for (const event of events) await appendFixRunEvent(db, { fixRunId, event });
}

const agentDone = { exitCode: 0, timedOut: false, durationMs: 48_200, truncated: false, error: null };
const limits = { requireTest: true, protectedPatterns: 16, maxFiles: 10, maxLines: 400 };

export async function seedRuns(): Promise<void> {
  const db = await getDb();
  const workspace = await getWorkspaceBySlug(db, { slug: "acme" });
  const repository = workspace && (await findWorkspaceRepository(db, { workspaceId: workspace.id }));
  if (!workspace || !repository) throw new Error("acme and its repository come first");
  const base = { workspaceId: workspace.id, repositoryId: repository.id, origin: "suture" as const };
  const approved = { approvedBy: "approver@example.com", approvedAt: new Date(), startedAt: new Date() };

  const run = await openFixRun(db, {
    ...base,
    ...approved,
    sentryIssueId: await seedIssue(workspace.id, 1, SEEDED_RUN_TITLE),
    status: "pr_open",
    branch: "fix/sentry-SHOP-41",
    diff: SEEDED_DIFF,
    prNumber: 42,
    prUrl: "https://github.com/acme/shop/pull/42",
    prState: "draft",
    // Its checks failed on GitHub: the run page offers a repair.
    checksState: "failure",
    baseSha: "5d0e7b3c9a1f2e4d6b8a0c2e4f6a8b0d2c4e6f80",
    headSha: "a9c2f04e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f02",
  });
  if (!run) throw new Error("the seeded run was not opened");
  await append(run.id, [
    { kind: "approved", message: "Approved by approver@example.com" },
    { kind: "started", message: "Started." },
    ...SEEDED_LOG_LINES.map((line) => ({ kind: "agent_output" as const, message: `${line}\n` })),
    { kind: "agent", message: "The agent finished.", data: agentDone },
    {
      kind: "checks",
      message: "The diff passed the checks.",
      data: { ...limits, ok: true, reason: null, paths: ["src/cart.ts", "test/cart.test.ts"], added: 6, removed: 1 },
    },
    {
      kind: "test_output",
      message: "PASS test/cart.test.ts\n  ✓ sums price times quantity\n  ✓ an undefined cart totals zero\n",
    },
    {
      kind: "tests",
      message: "The tests passed.",
      data: {
        command: "pnpm test",
        ok: true,
        error: null,
        exitCode: 0,
        timedOut: false,
        durationMs: 3_100,
        outputTail: "",
      },
    },
    { kind: "pushed", message: "Pushed fix/sentry-SHOP-41.", data: { branch: "fix/sentry-SHOP-41", sha: "a9c2f04" } },
    {
      kind: "pr_opened",
      message: "Opened draft pull request #42.",
      data: { number: 42, url: "https://github.com/acme/shop/pull/42", labelError: null },
    },
  ]);

  const failed = await openFixRun(db, {
    ...base,
    ...approved,
    sentryIssueId: await seedIssue(workspace.id, 2, SEEDED_FAILED_TITLE),
    status: "failed",
    reason: "The change touches no test, and this workspace asks every fix to add or change one.",
    finishedAt: new Date(),
  });
  if (!failed) throw new Error("the seeded failed run was not opened");
  await append(failed.id, [
    { kind: "approved", message: "Approved by approver@example.com" },
    { kind: "started", message: "Started." },
    { kind: "agent_output", message: "Looking at src/date.ts\n" },
    { kind: "agent", message: "The agent finished.", data: agentDone },
    {
      kind: "checks",
      message: "The diff was refused: no test touched.",
      data: { ...limits, ok: false, reason: "no test touched", paths: ["src/date.ts"], added: 3, removed: 1 },
    },
    { kind: "failed", message: "The change touches no test.", data: {} },
  ]);
}

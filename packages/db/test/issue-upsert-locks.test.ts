// Two processing batches can carry the same new issues in different orders. Each upserts them in
// one statement inside its transaction; on PostgreSQL an insert holds a new row's key until the
// transaction ends, so taking the keys in different orders deadlocks one batch (seen under load).
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createDb, migrate } from "../src/index.ts";
import { ensureWorkspace, upsertSentryIssues } from "../src/queries/index.ts";

const handle = createDb();
afterAll(() => handle.close());

describe.runIf(process.env.SUTURE_TEST_DB === "postgres")("two batches upserting the same new issues", () => {
  it("take the issues' keys in one order, so one waits for the other instead of deadlocking", async () => {
    await migrate(handle);
    const workspace = await ensureWorkspace(handle.db, { slug: "locks" });
    const issue = (id: string) => ({ workspaceId: workspace.id, sentryIssueId: id, title: `issue ${id}` });
    const stored = deferred();
    const blocked = deferred();

    // The first batch has stored issue A; the second then upserts [B, A] and waits on A. With the
    // rows in the order given it would already hold B, and the first batch's B would deadlock.
    const first = handle.db.transaction(async (tx) => {
      await upsertSentryIssues(tx, { issues: [issue("7400000001")] });
      stored.resolve();
      await blocked.promise;
      await upsertSentryIssues(tx, { issues: [issue("7400000002")] });
    });
    await stored.promise;
    const second = handle.db.transaction((tx) =>
      upsertSentryIssues(tx, { issues: [issue("7400000002"), issue("7400000001")] }),
    );
    // The second batch is waiting on a lock before the first goes on.
    await vi.waitFor(async () => expect(await sessionsWaitingOnALock()).toBe(1), { timeout: 5_000, interval: 20 });
    blocked.resolve();

    const [firstResult, secondResult] = await Promise.allSettled([first, second]);
    expect(firstResult.status).toBe("fulfilled");
    expect(secondResult).toMatchObject({ status: "fulfilled", value: expect.any(Array) });
    const rows = await handle.db.query.sentryIssues.findMany({
      where: (issues, { eq }) => eq(issues.workspaceId, workspace.id),
    });
    expect(rows.map((r) => r.sentryIssueId).sort()).toEqual(["7400000001", "7400000002"]);
  });
});

async function sessionsWaitingOnALock(): Promise<number> {
  const result: unknown = await handle.db.execute(
    sql`select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
  );
  // postgres.js answers an array of rows (this test runs on PostgreSQL only).
  if (!Array.isArray(result)) throw new Error("expected the rows of a PostgreSQL query");
  return (result[0] as { waiting: number } | undefined)?.waiting ?? 0;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

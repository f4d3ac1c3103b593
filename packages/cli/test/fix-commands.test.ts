import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The CLI is a separate process: on PGlite it needs real files, and our handle closed first.
if (process.env.SUTURE_TEST_DB === "pglite") process.env.SUTURE_DATA_DIR = mkdtempSync(join(tmpdir(), "suture-cli-"));
const { receiveSentryWebhook, processDeliveries, triageObservations } = await import("@suture/core");
const { closeDb, getDb } = await import("@suture/core/database");
const { deliveryHeaders } = await import("@suture/sentry");
const { fixturePath } = await import("@suture/sentry/fixtures");
const { readFileSync } = await import("node:fs");

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", new URL("../src/main.ts", import.meta.url).pathname, ...args], {
    env: process.env,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

afterAll(() => closeDb());

describe("suture repo / suture fix", () => {
  it("connects a repository, then approves and rejects runs with clear answers", async () => {
    const body = readFileSync(fixturePath("issue.created.json"));
    const stored = await receiveSentryWebhook(
      body,
      new Headers(deliveryHeaders("issue", body, process.env.SENTRY_CLIENT_SECRET!)),
    );
    await processDeliveries([(stored as { deliveryId: string }).deliveryId]);
    await closeDb();

    expect(await cli("repo", "add", "default", "not-a-repo")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/owner\/name/),
    });
    expect(await cli("repo", "add", "default", "acme/checkout-api", "--test", "pnpm test")).toMatchObject({
      code: 0,
      stdout: "connected acme/checkout-api to default\n",
    });

    const observation = await (await getDb()).query.observations.findFirst();
    const [outcome] = await triageObservations([observation!.id]);
    const runId = (outcome as { fixRun: { id: string } }).fixRun.id;
    await closeDb();

    expect(await cli("fix", "approve", runId)).toMatchObject({
      code: 0,
      stdout: `fix run ${runId} approved by cli:${userInfo().username}\n`,
    });
    expect(await cli("fix", "reject", runId)).toMatchObject({
      code: 1,
      stderr: `suture fix reject: fix run ${runId} is approved, so it cannot be rejected\n`,
    });
    expect(await cli("fix", "approve", "00000000-0000-4000-8000-000000000000")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no fix run/),
    });
    expect(await cli("fix", "maybe", runId)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/say approve, reject or repair, and a run id/),
    });
  });
});

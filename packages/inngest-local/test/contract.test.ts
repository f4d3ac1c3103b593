import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor, type Executor, type RunInfo } from "../src/index.ts";
import { contractFunctions, newProbe } from "./support/contract-functions.ts";
import { quietLogger, sleep, startHttpApp } from "./support/http-app.ts";

const probe = newProbe();
let executor: Executor;
let app: Awaited<ReturnType<typeof startHttpApp>>;
let inngest: Inngest;
const warnings: string[] = [];

const runsOf = (fnId: string): RunInfo[] => executor.runs().filter((r) => r.functionId === `contract-${fnId}`);
const finished = (r: RunInfo): boolean => r.status === "completed" || r.status === "failed";
const onlyRun = async (fnId: string): Promise<RunInfo> => {
  await executor.idle(8000);
  const runs = runsOf(fnId);
  expect(runs).toHaveLength(1);
  return runs[0] as RunInfo;
};

// Cloud mode, as Suture runs it: every call to the app is signed, and the SDK registers and
// sends with its keys.
const signingKey = "signkey-prod-3c5a1f0e9b8d7c6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa9988";
const eventKey = "contract-event-key";

beforeAll(async () => {
  app = await startHttpApp();
  executor = createExecutor({
    serveUrl: app.url,
    signingKey,
    eventKey,
    port: 0,
    cron: false,
    retryBackoffMs: () => 10,
    log: (level, message) => {
      if (level === "warn" || level === "error") warnings.push(message);
    },
  });
  await executor.start();
  inngest = new Inngest({
    id: "contract",
    isDev: false,
    signingKey,
    eventKey,
    baseUrl: executor.url,
    logger: quietLogger,
  });
  app.setHandler(serve({ client: inngest, functions: contractFunctions(inngest, probe) }));
  await executor.sync();
});

afterAll(async () => {
  await executor?.stop();
  await app?.close();
});

describe("inngest-local against the real inngest@4.24.0 SDK", () => {
  it("registers the app's functions, including the onFailure companion", () => {
    const ids = executor.functions().map((f) => f.id);
    expect(ids).toContain("contract-three-steps");
    expect(ids).toContain("contract-non-retriable-failure");
  });

  it("runs a 3-step function whose step.sendEvent triggers a second function", async () => {
    const ids = await inngest.send({ name: "test/three.steps", data: { n: 4 } });
    expect(ids.ids).toHaveLength(1);
    const run = await onlyRun("three-steps");
    expect(run).toMatchObject({ status: "completed", output: { a: 5, b: 50 } });
    expect((await onlyRun("second")).output).toBe("second-done");
    expect(probe.secondReceived).toEqual([{ b: 50 }]);
  });

  it("retries a failing step with a growing attempt counter until it succeeds", async () => {
    await executor.send({ name: "test/flaky", data: {} });
    const run = await onlyRun("flaky");
    expect(run).toMatchObject({ status: "completed", output: "ok after 2", attempts: 3 });
    expect(probe.flakyAttempts).toEqual([0, 1, 2]);
  });

  it("does not retry a NonRetriableError and runs onFailure", async () => {
    await executor.send({ name: "test/non.retriable", data: {} });
    const run = await onlyRun("non-retriable");
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("no point retrying");
    expect(probe.nonRetriableCalls).toBe(1);
    expect((await onlyRun("non-retriable-failure")).status).toBe("completed");
    expect(probe.failureHandled).toEqual([
      { message: expect.stringContaining("no point retrying"), functionId: "contract-non-retriable" },
    ]);
  });

  it("runs Promise.all steps in parallel", async () => {
    await executor.send({ name: "test/parallel", data: {} });
    const run = await onlyRun("parallel");
    expect(run).toMatchObject({ status: "completed", output: "P1+P2+P3" });
    expect(probe.parallel).toHaveLength(3);
    const latestStart = Math.max(...probe.parallel.map((p) => p.start));
    const earliestEnd = Math.min(...probe.parallel.map((p) => p.end));
    expect(latestStart).toBeLessThan(earliestEnd);
  });

  it("sleeps, and resolves waitForEvent by `if` match or by timeout with null", async () => {
    await executor.send([
      { name: "test/sleep", data: {} },
      { name: "test/wait", data: { requestId: "r1", timeout: "5s" } },
      { name: "test/wait", data: { requestId: "r2", timeout: "1s" } },
    ]);
    // The wait registers asynchronously; keep offering events until r1's run has taken one.
    await executor.send({ name: "test/approve", data: { requestId: "nobody", by: "wrong" } });
    const approved = () =>
      runsOf("waiter").some((r) => (r.output as { approvedBy?: unknown } | undefined)?.approvedBy === "alice");
    const deadline = Date.now() + 5000;
    while (!approved()) {
      expect(Date.now()).toBeLessThan(deadline);
      await executor.send({ name: "test/approve", data: { requestId: "r1", by: "alice" } });
      await sleep(50);
    }
    await executor.idle(5000);
    const outputs = runsOf("waiter").map((r) => r.output);
    expect(outputs).toEqual(expect.arrayContaining([{ approvedBy: "alice" }, { approvedBy: null }]));
    const slept = (await onlyRun("sleeper")).output as { slept: number };
    expect(slept.slept).toBeGreaterThanOrEqual(950);
  });

  it("step.invoke returns the invoked function's output", async () => {
    await executor.send({ name: "test/invoke", data: {} });
    expect(await onlyRun("invoker")).toMatchObject({ status: "completed", output: { doubled: 42 } });
    expect((await onlyRun("child")).eventName).toBe("inngest/function.invoked");
  });

  it("fires cron functions on a matching tick, once per minute", async () => {
    executor.tickCron(new Date("2030-01-01T00:05:00Z"));
    executor.tickCron(new Date("2030-01-01T00:05:30Z"));
    executor.tickCron(new Date("2030-01-01T00:06:00Z"));
    const run = await onlyRun("cron");
    expect(run).toMatchObject({ status: "completed", eventName: "inngest/scheduled.timer", output: "ticked" });
    expect(probe.cronRuns).toBe(1);
  });

  it("delivers batchEvents as one run per batch (size or timeout)", async () => {
    await executor.send([1, 2, 3, 4, 5, 6, 7].map((n) => ({ name: "test/batch", data: { n } })));
    await executor.idle(5000);
    const outputs = runsOf("batch").map((r) => r.output);
    expect(outputs).toEqual(
      expect.arrayContaining([
        { size: 5, ns: [1, 2, 3, 4, 5] },
        { size: 2, ns: [6, 7] },
      ]),
    );
    expect(outputs).toHaveLength(2);
  });

  it("keeps concurrency limit 1 per key serial, but lets other keys overlap", async () => {
    await executor.send([
      { name: "test/serial", data: { key: "a" } },
      { name: "test/serial", data: { key: "a" } },
      { name: "test/serial", data: { key: "b" } },
    ]);
    await executor.idle(5000);
    const [a1, a2] = probe.serial.filter((s) => s.key === "a").sort((x, y) => x.start - y.start);
    const b = probe.serial.find((s) => s.key === "b");
    expect(a1 && a2 && b).toBeTruthy();
    expect(a2!.start).toBeGreaterThanOrEqual(a1!.end);
    expect(b!.start).toBeLessThan(a1!.end);
  });

  it("ignores an event whose id was already accepted", async () => {
    await inngest.send({ name: "test/dedup", id: "same-id", data: {} });
    await executor.send({ name: "test/dedup", id: "same-id", data: {} });
    await inngest.send({ name: "test/dedup", id: "other-id", data: {} });
    await executor.idle(5000);
    expect(
      runsOf("dedup")
        .map((r) => r.output)
        .sort(),
    ).toEqual(["other-id", "same-id"]);
    expect(runsOf("dedup").every(finished)).toBe(true);
  });

  it("reported no unexpected warnings", () => {
    expect(warnings.filter((w) => !w.includes("failed"))).toEqual([]);
  });
});

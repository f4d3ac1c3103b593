import { Inngest, NonRetriableError } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor, type Executor, type RunInfo } from "../src/index.ts";
import { quietLogger, sleep, startHttpApp } from "./support/http-app.ts";

let executor: Executor;
let app: Awaited<ReturnType<typeof startHttpApp>>;
const spans: { run: string; phase: string; at: number }[] = [];

const onlyRun = async (fnId: string): Promise<RunInfo> => {
  await executor.idle(5000);
  const runs = executor.runs().filter((r) => r.functionId === `adv-${fnId}`);
  expect(runs).toHaveLength(1);
  return runs[0] as RunInfo;
};

beforeAll(async () => {
  app = await startHttpApp();
  executor = createExecutor({
    serveUrl: app.url,
    unsigned: true,
    port: 0,
    cron: false,
    retryBackoffMs: () => 10,
    log: () => undefined,
  });
  await executor.start();
  const inngest = new Inngest({ id: "adv", isDev: true, baseUrl: executor.url, logger: quietLogger });

  const mixed = inngest.createFunction({ id: "mixed", triggers: { event: "adv/mixed" } }, async ({ step }) => {
    const [value] = await Promise.all([step.run("work", () => "done"), step.sleep("short", "1s")]);
    return value;
  });
  const rethrow = inngest.createFunction(
    { id: "rethrow", retries: 2, triggers: { event: "adv/rethrow" } },
    async ({ step, attempt }) => {
      const memo = await step.run("once", () => "memoized");
      if (attempt === 0) throw new Error("function-level failure");
      return { memo, attempt };
    },
  );
  const failingChild = inngest.createFunction({ id: "failing-child", triggers: { event: "adv/never" } }, () => {
    throw new NonRetriableError("child refused");
  });
  const catcher = inngest.createFunction({ id: "catcher", triggers: { event: "adv/catch" } }, async ({ step }) => {
    try {
      await step.invoke("call", { function: failingChild, data: {} });
      return "unexpected";
    } catch (err) {
      return `caught: ${(err as Error).message}`;
    }
  });
  const parked = inngest.createFunction(
    { id: "parked", concurrency: 1, triggers: { event: "adv/parked" } },
    async ({ event, step }) => {
      const run = (event.data as { run: string }).run;
      await step.run("start", () => spans.push({ run, phase: "start", at: Date.now() }));
      if (run === "first") await step.sleep("hold", "1s");
      await step.run("end", () => spans.push({ run, phase: "end", at: Date.now() }));
    },
  );
  const matcher = inngest.createFunction({ id: "matcher", triggers: { event: "adv/match" } }, async ({ step }) => {
    const got = await step.waitForEvent("pair", { event: "adv/pair", match: "data.key", timeout: "3s" });
    return got ? got.data : null;
  });
  app.setHandler(serve({ client: inngest, functions: [mixed, rethrow, failingChild, catcher, parked, matcher] }));
  await executor.sync();
});

afterAll(async () => {
  await executor?.stop();
  await app?.close();
});

describe("less common SDK flows", () => {
  it("runs a step and a sleep in parallel", async () => {
    await executor.send({ name: "adv/mixed" });
    expect(await onlyRun("mixed")).toMatchObject({ status: "completed", output: "done" });
  });

  it("retries a function-level throw, replaying memoized steps", async () => {
    await executor.send({ name: "adv/rethrow" });
    expect(await onlyRun("rethrow")).toMatchObject({ status: "completed", output: { memo: "memoized", attempt: 1 } });
  });

  it("surfaces an invoked function's failure to the caller as a catchable error", async () => {
    await executor.send({ name: "adv/catch" });
    expect(await onlyRun("catcher")).toMatchObject({ status: "completed", output: "caught: child refused" });
    expect((await onlyRun("failing-child")).status).toBe("failed");
  });

  it("frees a concurrency slot while a run sleeps", async () => {
    await executor.send({ name: "adv/parked", data: { run: "first" } });
    await sleep(200);
    await executor.send({ name: "adv/parked", data: { run: "second" } });
    await executor.idle(5000);
    const at = (run: string, phase: string) => spans.find((s) => s.run === run && s.phase === phase)?.at ?? NaN;
    expect(at("second", "end")).toBeLessThan(at("first", "end"));
  });

  it("resolves waitForEvent `match` on the shared field", async () => {
    await executor.send({ name: "adv/match", data: { key: "k1" } });
    while (executor.runs().find((r) => r.functionId === "adv-matcher")?.status !== "completed") {
      await executor.send([
        { name: "adv/pair", data: { key: "other" } },
        { name: "adv/pair", data: { key: "k1", v: 2 } },
      ]);
      await sleep(50);
    }
    expect(await onlyRun("matcher")).toMatchObject({ output: { key: "k1", v: 2 } });
  });
});

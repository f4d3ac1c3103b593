import { NonRetriableError, type Inngest } from "inngest";
import { sleep } from "./http-app.ts";

/** What the functions observed, for the test to assert on. */
export interface Probe {
  secondReceived: unknown[];
  flakyAttempts: number[];
  nonRetriableCalls: number;
  failureHandled: { message: string; functionId: unknown }[];
  parallel: { id: string; start: number; end: number }[];
  serial: { key: string; start: number; end: number }[];
  cronRuns: number;
}

export function newProbe(): Probe {
  return {
    secondReceived: [],
    flakyAttempts: [],
    nonRetriableCalls: 0,
    failureHandled: [],
    parallel: [],
    serial: [],
    cronRuns: 0,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's generic client type is not worth spelling out here
export function contractFunctions(inngest: Inngest<any>, probe: Probe) {
  const threeSteps = inngest.createFunction(
    { id: "three-steps", triggers: { event: "test/three.steps" } },
    async ({ event, step }) => {
      const a = await step.run("a", () => (event.data as { n: number }).n + 1);
      const b = await step.run("b", () => a * 10);
      await step.sendEvent("emit", { name: "test/second", data: { b } });
      return { a, b };
    },
  );

  const second = inngest.createFunction(
    { id: "second", triggers: { event: "test/second" } },
    async ({ event, step }) => {
      await step.run("record", () => probe.secondReceived.push(event.data));
      return "second-done";
    },
  );

  const flaky = inngest.createFunction(
    { id: "flaky", retries: 3, triggers: { event: "test/flaky" } },
    async ({ step, attempt }) => {
      return step.run("sometimes", () => {
        probe.flakyAttempts.push(attempt);
        if (attempt < 2) throw new Error(`boom on attempt ${attempt}`);
        return `ok after ${attempt}`;
      });
    },
  );

  const nonRetriable = inngest.createFunction(
    {
      id: "non-retriable",
      retries: 3,
      triggers: { event: "test/non.retriable" },
      onFailure: ({ error, event }) => {
        probe.failureHandled.push({
          message: error.message,
          functionId: (event.data as { function_id: unknown }).function_id,
        });
      },
    },
    async ({ step }) => {
      await step.run("refuse", () => {
        probe.nonRetriableCalls++;
        throw new NonRetriableError("no point retrying");
      });
    },
  );

  const parallel = inngest.createFunction(
    { id: "parallel", triggers: { event: "test/parallel" } },
    async ({ step }) => {
      const work = (id: string) =>
        step.run(id, async () => {
          const start = Date.now();
          await sleep(150);
          probe.parallel.push({ id, start, end: Date.now() });
          return id.toUpperCase();
        });
      const results = await Promise.all([work("p1"), work("p2"), work("p3")]);
      const after = await step.run("after", () => results.join("+"));
      return after;
    },
  );

  const sleeper = inngest.createFunction({ id: "sleeper", triggers: { event: "test/sleep" } }, async ({ step }) => {
    const before = await step.run("before", () => Date.now());
    await step.sleep("nap", "1s");
    const after = await step.run("after", () => Date.now());
    return { slept: after - before };
  });

  const waiter = inngest.createFunction({ id: "waiter", triggers: { event: "test/wait" } }, async ({ event, step }) => {
    const data = event.data as { requestId: string; timeout: string };
    const approval = await step.waitForEvent("approval", {
      event: "test/approve",
      timeout: data.timeout,
      if: "async.data.requestId == event.data.requestId",
    });
    return { approvedBy: approval ? (approval.data as { by: string }).by : null };
  });

  const child = inngest.createFunction({ id: "child", triggers: { event: "test/child" } }, async ({ event, step }) => {
    return step.run("double", () => (event.data as { n: number }).n * 2);
  });

  const invoker = inngest.createFunction({ id: "invoker", triggers: { event: "test/invoke" } }, async ({ step }) => {
    const doubled = await step.invoke("call-child", { function: child, data: { n: 21 } });
    return { doubled };
  });

  const cron = inngest.createFunction({ id: "cron", triggers: { cron: "*/5 * * * *" } }, async ({ step }) => {
    await step.run("tick", () => probe.cronRuns++);
    return "ticked";
  });

  const batch = inngest.createFunction(
    { id: "batch", batchEvents: { maxSize: 5, timeout: "0.5s" }, triggers: { event: "test/batch" } },
    ({ events }) => ({ size: events.length, ns: events.map((e) => (e.data as { n: number }).n) }),
  );

  const serial = inngest.createFunction(
    { id: "serial", concurrency: { limit: 1, key: "event.data.key" }, triggers: { event: "test/serial" } },
    async ({ event, step }) => {
      await step.run("work", async () => {
        const start = Date.now();
        await sleep(120);
        probe.serial.push({ key: (event.data as { key: string }).key, start, end: Date.now() });
      });
    },
  );

  const dedup = inngest.createFunction({ id: "dedup", triggers: { event: "test/dedup" } }, ({ event }) => event.id);

  return [
    threeSteps,
    second,
    flaky,
    nonRetriable,
    parallel,
    sleeper,
    waiter,
    child,
    invoker,
    cron,
    batch,
    serial,
    dedup,
  ];
}

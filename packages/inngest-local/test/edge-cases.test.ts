import { eventType, Inngest, type StandardSchemaV1 } from "inngest";
import { serve } from "inngest/node";
import { afterEach, describe, expect, it } from "vitest";
import { createExecutor, type Executor, type ExecutorOptions } from "../src/index.ts";
import { quietLogger, readJson, startHttpApp, waitFor } from "./support/http-app.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: Partial<ExecutorOptions> = {}) {
  const app = await startHttpApp();
  const logs: { level: string; message: string }[] = [];
  const executor = createExecutor({
    serveUrl: app.url,
    unsigned: true,
    port: 0,
    cron: false,
    retryBackoffMs: () => 10,
    log: (level, message) => logs.push({ level, message }),
    ...options,
  });
  await executor.start();
  cleanups.push(
    () => app.close(),
    () => executor.stop(),
  );
  return { app, executor, logs };
}

const onlyRun = async (executor: Executor, fnId: string) => {
  await executor.idle(5000);
  const runs = executor.runs().filter((r) => r.functionId === fnId);
  expect(runs).toHaveLength(1);
  return runs[0]!;
};

describe("protocol edge cases", () => {
  it("fails a run loudly when the SDK answers with an unknown opcode", async () => {
    const { app, executor } = await setup();
    app.setHandler(async (req, res) => {
      if (req.method === "PUT") {
        const step = {
          id: "step",
          name: "step",
          runtime: { type: "http", url: `${app.url}?fnId=fake-bogus&stepId=step` },
        };
        const functions = [{ id: "fake-bogus", name: "bogus", triggers: [{ event: "test/bogus" }], steps: { step } }];
        const reg = await fetch(`${executor.url}/fn/register`, {
          method: "POST",
          body: JSON.stringify({ appName: "fake", functions }),
        });
        res.writeHead(reg.status, { "content-type": "application/json" }).end(JSON.stringify({ message: "ok" }));
        return;
      }
      await readJson(req);
      res.writeHead(206, { "content-type": "application/json" }).end(JSON.stringify([{ op: "Bogus", id: "x" }]));
    });
    await executor.sync();
    await executor.send({ name: "test/bogus" });
    const run = await onlyRun(executor, "fake-bogus");
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ name: "UnsupportedOpcodeError", message: expect.stringContaining('"Bogus"') });
  });

  it("rejects registration of an unsupported CEL expression with a clear error", async () => {
    const { app, executor } = await setup();
    const inngest = new Inngest({ id: "cel", isDev: true, baseUrl: executor.url, logger: quietLogger });
    const fn = inngest.createFunction(
      { id: "sized", triggers: { event: "test/x", if: "size(event.data.tags) > 2" } },
      () => "x",
    );
    app.setHandler(serve({ client: inngest, functions: [fn] }));
    await expect(executor.sync()).rejects.toThrow(
      /cel-sized: trigger expression: unsupported expression .*function calls like size\(\) are not supported/,
    );
    expect(executor.functions()).toEqual([]);
  });

  it("warns once at registration about flow control it ignores", async () => {
    const { app, executor, logs } = await setup();
    const inngest = new Inngest({ id: "warn", isDev: true, baseUrl: executor.url, logger: quietLogger });
    const fn = inngest.createFunction(
      {
        id: "limited",
        rateLimit: { limit: 1, period: "1m" },
        debounce: { period: "5s" },
        triggers: { event: "test/x" },
      },
      () => "x",
    );
    app.setHandler(serve({ client: inngest, functions: [fn] }));
    await executor.sync();
    await executor.sync();
    const warnings = logs.filter((l) => l.level === "warn" && !l.message.includes("unsigned")).map((l) => l.message);
    expect(warnings).toEqual([expect.stringMatching(/warn-limited.*rateLimit, debounce.*ignored/)]);
  });

  it("keeps syncing in the background until the app is up, and holds early events until then", async () => {
    const { app, executor } = await setup();
    const ids = await executor.send({ name: "test/early", data: { x: 1 } });
    expect(ids).toHaveLength(1);
    const inngest = new Inngest({ id: "late", isDev: true, baseUrl: executor.url, logger: quietLogger });
    const fn = inngest.createFunction({ id: "early", triggers: { event: "test/early" } }, ({ event }) => event.data);
    app.setHandler(serve({ client: inngest, functions: [fn] }));
    await waitFor(() => executor.functions().length > 0, 5000, "background sync");
    expect(await onlyRun(executor, "late-early")).toMatchObject({ status: "completed", output: { x: 1 } });
  });

  it("signs requests for an SDK in cloud mode (and the SDK refuses unsigned ones)", async () => {
    const signingKey = "signkey-test-8ee2262a15e8d3c42d6a840db7af3de2aab08ef632b32a37a687f24b34dba3ff";
    for (const withKey of [true, false]) {
      const { app, executor } = await setup(withKey ? { signingKey, eventKey: "k" } : {});
      const inngest = new Inngest({
        id: "cloud",
        isDev: false,
        signingKey,
        eventKey: "k",
        baseUrl: executor.url,
        logger: quietLogger,
      });
      const fn = inngest.createFunction(
        { id: "signed", retries: 1, triggers: { event: "test/signed" } },
        async ({ event, step }) => {
          return step.run("echo", () => event.data);
        },
      );
      app.setHandler(serve({ client: inngest, functions: [fn] }));
      await executor.sync();
      // Integer-like keys are where naive key sorting and canonical JSON disagree.
      const data = { "10": "ten", "2": "two", b: { z: 1, a: [1, { y: 2, x: 1 }] }, text: "héllo ✓" };
      await inngest.send({ name: "test/signed", data });
      const run = await onlyRun(executor, "cloud-signed");
      if (withKey) expect(run).toMatchObject({ status: "completed", output: data });
      else expect(run).toMatchObject({ status: "failed", error: { message: expect.stringContaining("Unauthorized") } });
    }
  });

  it("runs the schema check of eventType().create() events sent in-process", async () => {
    const { app, executor } = await setup();
    const schema: StandardSchemaV1<{ n: number }> = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate: (value) =>
          typeof (value as { n?: unknown }).n === "number"
            ? { value: value as { n: number } }
            : { issues: [{ message: "n must be a number", path: ["n"] }] },
      },
    };
    const typed = eventType("test/typed", { schema });
    const inngest = new Inngest({ id: "typed", isDev: true, baseUrl: executor.url, logger: quietLogger });
    const fn = inngest.createFunction({ id: "fn", triggers: [typed] }, ({ event }) => event.data.n);
    app.setHandler(serve({ client: inngest, functions: [fn] }));
    await executor.sync();
    await expect(executor.send(typed.create({ n: "nope" } as unknown as { n: number }))).rejects.toThrow(
      /n must be a number/,
    );
    await executor.send(typed.create({ n: 7 }));
    expect(await onlyRun(executor, "typed-fn")).toMatchObject({ status: "completed", output: 7 });
  });
});

describe("an app that stops answering", () => {
  it("is waited for without spending attempts: a run with no retries completes once the app is back", async () => {
    const { app, executor } = await setup();
    const inngest = new Inngest({ id: "restarting", isDev: true, baseUrl: executor.url, logger: quietLogger });
    const executions: number[] = [];
    const fn = inngest.createFunction(
      { id: "once", retries: 0, triggers: [{ event: "test/once" }] },
      async ({ step }) => {
        return step.run("work", () => executions.push(Date.now()));
      },
    );
    const handler = serve({ client: inngest, functions: [fn] });
    let downUntil = 0;
    let refused = 0;
    app.setHandler((req, res) => {
      if (req.method === "POST" && Date.now() < downUntil) {
        refused++;
        req.socket.destroy(); // what a worker killed mid-call looks like: no answer at all
        return;
      }
      handler(req, res);
    });
    await executor.sync();
    downUntil = Date.now() + 800;
    await executor.send({ name: "test/once" });
    const run = await waitFor(
      () => executor.runs().find((r) => r.functionId === "restarting-once" && r.status !== "running"),
      10_000,
      "the run to end",
    );
    expect(refused).toBeGreaterThan(2);
    expect(run.status).toBe("completed");
    expect(run.output).toBe(1);
    expect(executions).toHaveLength(1);
  });
});

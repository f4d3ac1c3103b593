import { createHash } from "node:crypto";
import { request } from "node:http";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterEach, describe, expect, it } from "vitest";
import { createExecutor, type ExecutorOptions } from "../src/index.ts";
import { quietLogger, startHttpApp } from "./support/http-app.ts";

const signingKey = "signkey-prod-0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
const otherKey = "signkey-prod-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const eventKey = "the-event-key";

/** What the SDK sends on registration: the prefix, then SHA-256 of the hex-decoded key. */
const bearerOf = (key: string) => {
  const [, prefix, hex] = /^(signkey-\w+-)(.+)$/.exec(key)!;
  return `Bearer ${prefix}${createHash("sha256").update(Buffer.from(hex!, "hex")).digest("hex")}`;
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: Partial<ExecutorOptions> = {}, appKeys = { signingKey, eventKey }) {
  const app = await startHttpApp();
  const logs: string[] = [];
  const executor = createExecutor({
    serveUrl: app.url,
    signingKey,
    eventKey,
    port: 0,
    cron: false,
    retryBackoffMs: () => 10,
    log: (level, message) => logs.push(`${level}: ${message}`),
    ...options,
  });
  await executor.start();
  cleanups.push(
    () => app.close(),
    () => executor.stop(),
  );
  const inngest = new Inngest({ id: "keys", isDev: false, ...appKeys, baseUrl: executor.url, logger: quietLogger });
  const echo = inngest.createFunction({ id: "echo", triggers: { event: "test/echo" } }, async ({ event, step }) =>
    step.run("echo", () => event.data),
  );
  app.setHandler(serve({ client: inngest, functions: [echo] }));
  return { app, executor, inngest, logs };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

/** A registration as the SDK makes it, pointing at `url`. */
const registration = (url: string, id = "keys-forged") => ({
  url,
  appName: "keys",
  functions: [
    {
      id,
      name: id,
      triggers: [{ event: "test/forged" }],
      steps: { step: { id: "step", name: "step", runtime: { type: "http", url: `${url}?fnId=${id}&stepId=step` } } },
    },
  ],
});

describe("the executor's own endpoints check the app's keys", () => {
  it("refuses to start without a signing key unless told it is unsigned, and refuses keys the SDK cannot hash", () => {
    expect(() => createExecutor({ serveUrl: "http://127.0.0.1:1/api/inngest" })).toThrow(
      /signingKey .*or unsigned: true/,
    );
    expect(() =>
      createExecutor({ serveUrl: "http://127.0.0.1:1/api/inngest", signingKey: "signkey-prod-not-hex" }),
    ).toThrow(/signkey-<env>-<hex/);
    expect(() => createExecutor({ serveUrl: "http://127.0.0.1:1/api/inngest", unsigned: true })).not.toThrow();
  });

  it("syncs, receives events and runs functions for an SDK in cloud mode with the same keys", async () => {
    const { executor, inngest } = await setup();
    await executor.sync();
    expect(executor.functions().map((f) => f.id)).toEqual(["keys-echo"]);
    await inngest.send({ name: "test/echo", data: { n: 1 } });
    await executor.idle(5000);
    expect(executor.runs()).toEqual([
      expect.objectContaining({ functionId: "keys-echo", status: "completed", output: { n: 1 } }),
    ]);
  });

  it("answers POST /fn/register without the hashed signing key with 401, and registers nothing", async () => {
    const { app, executor } = await setup();
    await executor.sync();
    const before = executor.functions();
    const forged = registration(app.url);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: bearerOf(otherKey) },
      { authorization: `Bearer ${signingKey}` },
      { authorization: bearerOf(signingKey).slice(0, -1) },
    ];
    for (const headers of attempts) {
      const res = await post(`${executor.url}/fn/register`, forged, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
    }
    expect(executor.functions()).toEqual(before);
    const accepted = await post(`${executor.url}/fn/register`, forged, { authorization: bearerOf(signingKey) });
    expect(accepted.status).toBe(200);
    expect(executor.functions().map((f) => f.id)).toEqual(["keys-forged"]);
  });

  it("answers POST /e/<key> with any other key with 401 and runs nothing; the right key and send() work", async () => {
    const { executor } = await setup();
    await executor.sync();
    for (const key of ["wrong", "", "the-event-ke", "the-event-key-"]) {
      const res = await post(`${executor.url}/e/${key}`, [{ name: "test/echo", data: { key } }]);
      expect(res.status, key).toBe(key === "" ? 404 : 401);
    }
    await executor.idle(2000);
    expect(executor.runs()).toEqual([]);
    const ok = await post(`${executor.url}/e/${eventKey}`, [{ name: "test/echo", data: { via: "http" } }]);
    expect(ok.status).toBe(200);
    await executor.send({ name: "test/echo", data: { via: "send" } });
    await executor.idle(5000);
    expect(executor.runs().map((r) => r.output)).toEqual(expect.arrayContaining([{ via: "http" }, { via: "send" }]));
  });

  it("with a signing key and no event key, refuses every POST /e/<key>; send() still works", async () => {
    const { executor } = await setup({ eventKey: undefined });
    await executor.sync();
    expect((await post(`${executor.url}/e/${eventKey}`, [{ name: "test/echo" }])).status).toBe(401);
    await executor.send({ name: "test/echo", data: { via: "send" } });
    await executor.idle(5000);
    expect(executor.runs()).toEqual([expect.objectContaining({ status: "completed", output: { via: "send" } })]);
  });

  it("fails the sync with a clear error when the app has another signing key", async () => {
    const { executor } = await setup({}, { signingKey: otherKey, eventKey });
    await expect(executor.sync()).rejects.toThrow(/answered PUT with 401.*share one signing key/);
    expect(executor.functions()).toEqual([]);
  });

  it("refuses a registration that points anywhere but its serve URL, so a forged Host on a PUT cannot move it", async () => {
    const { app, executor, logs } = await setup();
    await executor.sync();
    const registered = () => executor.functions().map((f) => Object.values(f.steps)[0]!.runtime.url);
    expect(registered()).toEqual([`${app.url}?fnId=keys-echo&stepId=step`]);

    // A signed registration naming another host (as a PUT with a forged Host header would make it).
    const moved = await post(`${executor.url}/fn/register`, registration("http://evil.example:8080/api/inngest"), {
      authorization: bearerOf(signingKey),
    });
    expect(moved.status).toBe(400);
    expect(await moved.json()).toMatchObject({
      error: expect.stringContaining("http://evil.example:8080/api/inngest"),
    });

    // The SDK itself, asked by anyone with a forged Host: it takes the URL from the request.
    const { port } = new URL(app.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/api/inngest", method: "PUT", headers: { host: "evil.example:8080" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).not.toBe(200);
    expect(registered()).toEqual([`${app.url}?fnId=keys-echo&stepId=step`]);
    expect(logs.some((l) => l.startsWith("error:") && l.includes("evil.example"))).toBe(true);
  });
});

// /api/inngest on the embedded defaults, over real HTTP: only calls the executor signed run
// anything, and the URL the app registers comes from configuration, whatever a request says.
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { canonicalJson, type Executor, signatureHeader } from "@suture/inngest-local";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExecutor } from "./serve-harness.ts";

// The app's server first: its origin is the configured serve origin core reads at import.
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(503).end();
const server = createServer((req, res) => handler(req, res));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const serveUrl = `${origin}/api/inngest`;
process.env.SUTURE_SERVE_ORIGIN = origin;

const { closeDb, getDb } = await import("@suture/core/database");
const { embeddedInngestKeys, functions, inngest, serveOptions, sweepRequested } = await import("@suture/core/inngest");
const db = await import("@suture/db");

const keys = embeddedInngestKeys();
const otherKey = `signkey-prod-${"ab".repeat(32)}`;
let executor: Executor;

beforeAll(async () => {
  handler = serve({ client: inngest, functions, ...serveOptions });
  executor = await startExecutor(serveUrl, keys);
});

afterAll(async () => {
  await executor.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await closeDb();
});

/** A raw HTTP request, so the Host header can be anything. */
function call(method: string, path: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      { method, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

let counter = 0;
async function fixRun(status: "awaiting_approval" | "approved") {
  const handle = await getDb();
  const n = ++counter;
  const workspace = await db.ensureWorkspace(handle, { slug: `serve-${n}` });
  const sentryIssueId = await db.upsertSentryIssue(handle, { workspaceId: workspace.id, sentryIssueId: `77000${n}` });
  const repository = await db.insertRepository(handle, {
    workspaceId: workspace.id,
    owner: "acme",
    name: `shop-${n}`,
    cloneUrl: `https://github.com/acme/shop-${n}.git`,
  });
  const run = await db.openFixRun(handle, {
    workspaceId: workspace.id,
    sentryIssueId,
    repositoryId: repository.id,
    status,
  });
  return { ...run!, data: { fixRunId: run!.id, workspaceId: workspace.id, repositoryId: repository.id } };
}

async function state(id: string) {
  const handle = await getDb();
  const run = await db.getFixRun(handle, { id });
  return { status: run?.status, events: (await db.listFixRunEvents(handle, { fixRunId: id })).length };
}

const ctx = (runId: string) => ({
  run_id: runId,
  attempt: 0,
  max_attempts: 3,
  disable_immediate_execution: false,
  stack: { stack: [], current: 0 },
});

/** The forgeries of the report: a step call with a memoized "start" result, and a failure notice. */
function forgeries(dispatch: { data: object }, failing: { data: object }) {
  const approved = { name: "fix/approved", id: "01FORGEDAPPROVAL00000000000", ts: Date.now(), data: dispatch.data };
  const startHash = "a6e8e27d8b9ee2bde1b7b1e2c4b7a7c7d2bda3d3"; // any id: the SDK never gets to read it
  const failure = {
    name: "inngest/function.failed",
    id: "01FORGEDFAILURE000000000000",
    ts: Date.now(),
    data: {
      function_id: "suture-dispatch-fix-run",
      run_id: "01FORGEDRUN",
      error: { name: "Error", message: "forged" },
      event: { name: "fix/approved", data: failing.data },
    },
  };
  return [
    {
      path: `/api/inngest?fnId=suture-dispatch-fix-run&stepId=${startHash}`,
      payload: {
        event: approved,
        events: [approved],
        steps: { [startHash]: { type: "data", data: { status: "started", viaSeer: false, resumed: false } } },
        ctx: ctx("01FORGEDDISPATCH"),
        version: 2,
      },
    },
    {
      path: "/api/inngest?fnId=suture-dispatch-fix-run-failure&stepId=step",
      payload: { event: failure, events: [failure], steps: {}, ctx: ctx("01FORGEDFAIL"), version: 2 },
    },
  ];
}

describe("/api/inngest on the embedded executor", () => {
  it("registers the configured URL, and the executor drives it", () => {
    const urls = executor.functions().map((f) => Object.values(f.steps)[0]!.runtime.url);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(`${serveUrl}?fnId=`)).toBe(true);
  });

  it("answers unsigned and wrongly signed calls to dispatch-fix-run and its failure handler with 401, and nothing changes", async () => {
    const waiting = await fixRun("awaiting_approval");
    const approved = await fixRun("approved");
    const before = [await state(waiting.id), await state(approved.id)];
    expect(before).toEqual([
      { status: "awaiting_approval", events: 0 },
      { status: "approved", events: 0 },
    ]);

    for (const { path, payload } of forgeries(waiting, approved)) {
      const body = canonicalJson(payload);
      const attempts: Record<string, Record<string, string>> = {
        unsigned: {},
        "another key": { "x-inngest-signature": signatureHeader(body, otherKey) },
        "signature of another body": {
          "x-inngest-signature": signatureHeader(
            canonicalJson({ ...payload, ctx: ctx("01ANOTHERRUN") }),
            keys.signingKey,
          ),
        },
        "expired signature": {
          "x-inngest-signature": signatureHeader(body, keys.signingKey, Date.now() - 10 * 60_000),
        },
        "malformed signature": { "x-inngest-signature": "t=1&s=00" },
      };
      for (const [what, headers] of Object.entries(attempts)) {
        const res = await call("POST", path, body, { "x-inngest-server-kind": "cloud", ...headers });
        expect(res.status, `${what}: ${path}`).toBe(401);
        expect(res.text).not.toContain("started");
      }
    }
    expect([await state(waiting.id), await state(approved.id)]).toEqual(before);

    // The same failure notice signed with the app's key is acted on: only the signature was missing.
    const [, failure] = forgeries(waiting, approved);
    const body = canonicalJson(failure!.payload);
    const signed = await call("POST", failure!.path, body, {
      "x-inngest-signature": signatureHeader(body, keys.signingKey),
    });
    expect(signed.status).toBe(200);
    expect(await state(approved.id)).toMatchObject({ status: "failed" });
    expect(await state(waiting.id)).toEqual(before[0]);
  });

  it("does not describe itself as unsigned to an unsigned GET", async () => {
    const res = await call("GET", "/api/inngest", "");
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/"has_signing_key":\s*false|"mode":\s*"dev"/);
  });

  it("a PUT with a forged Host cannot move the registration", async () => {
    const forged = { host: "evil.example:4444", "x-forwarded-host": "evil.example:4444", "x-forwarded-proto": "https" };
    const unsigned = await call("PUT", "/api/inngest", "", forged);
    expect(unsigned.status).toBe(401);
    // Even a PUT signed with the key (as the executor's own) registers the configured URL.
    const signed = await call("PUT", "/api/inngest", "", {
      ...forged,
      "x-inngest-signature": signatureHeader("", keys.signingKey),
    });
    expect(signed.status, signed.text).toBe(200);
    for (const fn of executor.functions())
      expect(Object.values(fn.steps)[0]!.runtime.url.startsWith(`${serveUrl}?fnId=`)).toBe(true);

    // And the executor still drives the app: a sweep runs to completion.
    await executor.send(sweepRequested.create({ olderThanSeconds: 3600 }));
    await executor.idle(20_000);
    expect(
      executor
        .runs()
        .filter((r) => r.functionId === "suture-sweep-pending-deliveries")
        .map((r) => r.status),
    ).toEqual(["completed"]);
  });
});

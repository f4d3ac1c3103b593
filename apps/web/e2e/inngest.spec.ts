import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { fixtureBody, signedHeaders } from "./sentry";

// The server runs on its embedded defaults: /api/inngest answers only calls its executor signed,
// and the executor takes registrations and events only with the keys it shares with the app.

/** A raw request, so the Host header can be forged. */
function raw(url: string, method: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { "content-type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const observations = async (baseURL: string) =>
  Number(
    (await fetch(`${baseURL}/`).then((r) => r.text())).match(/Observations<\/dt><dd[^>]*>(\d+)/)?.[1] ?? Number.NaN,
  );

const runCall = (data: object) =>
  JSON.stringify({
    event: { name: "fix/approved", id: "01E2EFORGED000000000000000", ts: Date.now(), data },
    events: [{ name: "fix/approved", id: "01E2EFORGED000000000000000", ts: Date.now(), data }],
    steps: {
      "0000000000000000000000000000000000000000": {
        type: "data",
        data: { status: "started", viaSeer: false, resumed: false },
      },
    },
    ctx: {
      run_id: "01E2EFORGEDRUN",
      attempt: 0,
      max_attempts: 3,
      disable_immediate_execution: false,
      stack: { stack: [], current: 0 },
    },
    version: 2,
  });

test.describe("/api/inngest on the embedded defaults", () => {
  test("an unsigned GET does not describe an unsigned endpoint", async ({ baseURL }) => {
    const res = await raw(`${baseURL}/api/inngest`, "GET", "");
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/"has_signing_key":\s*false|"mode":\s*"dev"/);
  });

  test("unsigned and wrongly signed POSTs to the dispatch and its failure handler are refused with 401", async ({
    baseURL,
  }) => {
    const data = { fixRunId: crypto.randomUUID(), workspaceId: crypto.randomUUID(), repositoryId: crypto.randomUUID() };
    for (const fnId of ["suture-dispatch-fix-run", "suture-dispatch-fix-run-failure"]) {
      const body = runCall(data);
      const path = `${baseURL}/api/inngest?fnId=${fnId}&stepId=step`;
      const attempts: Record<string, string>[] = [
        {},
        { "x-inngest-signature": `t=${Math.round(Date.now() / 1000)}&s=${"0".repeat(64)}` },
      ];
      for (const headers of attempts) {
        const res = await raw(path, "POST", body, { "x-inngest-server-kind": "cloud", ...headers });
        expect(res.status, `${fnId} ${JSON.stringify(headers)}`).toBe(401);
      }
    }
  });

  test("a PUT with a forged Host is refused, and the executor keeps driving the configured URL", async ({
    baseURL,
  }) => {
    const forged = await raw(`${baseURL}/api/inngest`, "PUT", "", {
      host: "evil.example:4444",
      "x-forwarded-host": "evil.example:4444",
    });
    expect(forged.status).toBe(401);

    const before = await observations(baseURL!);
    const body = fixtureBody("error.created.json")
      .toString()
      .replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", crypto.randomUUID().replaceAll("-", ""));
    const stored = await fetch(`${baseURL}/api/sentry/webhooks`, {
      method: "POST",
      body,
      headers: signedHeaders("error", body),
    });
    expect(stored.status).toBe(202);
    await expect.poll(() => observations(baseURL!), { timeout: 30_000 }).toBe(before + 1);
  });

  test("the executor refuses registrations and events without the app's keys", async ({ baseURL }) => {
    const executor = `http://127.0.0.1:${Number(new URL(baseURL!).port) + 1}`;
    const url = "http://evil.example:4444/api/inngest";
    const registration = JSON.stringify({
      url,
      appName: "suture",
      functions: [
        {
          id: "evil",
          name: "evil",
          triggers: [{ event: "evil/x" }],
          steps: { step: { id: "step", name: "step", runtime: { type: "http", url: `${url}?fnId=evil&stepId=step` } } },
        },
      ],
    });
    expect((await raw(`${executor}/fn/register`, "POST", registration)).status).toBe(401);
    expect(
      (await raw(`${executor}/fn/register`, "POST", registration, { authorization: "Bearer signkey-prod-00" })).status,
    ).toBe(401);
    expect(
      (await raw(`${executor}/e/anything`, "POST", JSON.stringify([{ name: "fix/approved", data: {} }]))).status,
    ).toBe(401);
    const info = JSON.parse((await raw(executor, "GET", "")).text) as { serveUrl: string; functions: number };
    expect(info).toMatchObject({ serveUrl: `${baseURL}/api/inngest` });
    expect(info.functions).toBeGreaterThan(5);
  });
});

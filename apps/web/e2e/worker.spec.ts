import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { createDb, type DbHandle } from "@suture/db";
import { sql } from "drizzle-orm";
import { fixtureBody, SECRET, signedHeaders } from "./sentry";

// `pnpm start` as users run it: the supervisor, the web server, the worker, PGlite served by the
// supervisor and the embedded executor. The worker is SIGKILLed twice while deliveries arrive.
const PORT = 3250;
const dataDir = `/tmp/suture-worker-${process.pid}`;
const workerDir = new URL("../../worker", import.meta.url).pathname;
const base = `http://127.0.0.1:${PORT}`;
const DELIVERIES = 300;
const METRICS_TOKEN = "worker-spec-metrics-token";

interface Supervisor {
  process: ChildProcess;
  output: () => string;
}

async function startSupervisor(): Promise<Supervisor> {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", join(workerDir, "src/start.ts")], {
    cwd: workerDir,
    env: {
      ...process.env,
      PORT: String(PORT),
      SUTURE_EXECUTOR_PORT: String(PORT + 1),
      SUTURE_WORKER_PORT: String(PORT + 2),
      SUTURE_DATA_DIR: dataDir,
      SENTRY_CLIENT_SECRET: SECRET,
      SUTURE_METRICS_TOKEN: METRICS_TOKEN,
      DATABASE_URL: "",
      SUTURE_FUNCTIONS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  await expect.poll(() => health().then((h) => h.status), { timeout: 60_000, intervals: [200] }).toBe(200);
  return { process: child, output: () => output };
}

interface HealthAnswer {
  status: number;
  body: Record<string, string>;
}

const health = (): Promise<HealthAnswer> =>
  fetch(`${base}/api/health`).then(
    async (response) => ({ status: response.status, body: (await response.json()) as Record<string, string> }),
    () => ({ status: 0, body: {} }),
  );

/** The worker's pid: the supervisor's child running apps/worker/src/main.ts. */
function workerPid(supervisor: number): number {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" }).split("\n");
  const row = rows
    .map((r) => r.trim().split(/\s+/))
    .find(([, ppid, ...args]) => Number(ppid) === supervisor && args.join(" ").includes("worker/src/main.ts"));
  if (!row) throw new Error("no worker process");
  return Number(row[0]);
}

/** A delivery on one of 20 issues; every 10th has a NUL and a lone surrogate in its message. */
function delivery(i: number): { body: string; headers: Record<string, string> } {
  let body = fixtureBody("error.created.json")
    .toString()
    .replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", `worker${String(i).padStart(26, "0")}`)
    .replaceAll("6123456789", String(7500000000 + (i % 20)));
  if (i % 10 === 0) body = body.replace('"title":"', '"title":"\\u0000 \\ud800 ');
  return { body, headers: signedHeaders("error", body) };
}

async function rows(handle: DbHandle, query: ReturnType<typeof sql>): Promise<Record<string, number>[]> {
  const result = await handle.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Record<string, number>[] }).rows) as Record<
    string,
    number
  >[];
}

test("SIGKILL of the worker under load loses and doubles nothing; a killed supervisor takes its children along", async () => {
  test.setTimeout(180_000);
  rmSync(dataDir, { recursive: true, force: true });
  const supervisor = await startSupervisor();
  expect((await health()).body).toEqual({ status: "ok", database: "ok", worker: "ok" });
  // The functions are not reachable through the web server.
  expect((await fetch(`${base}/api/inngest`, { method: "PUT" })).status).toBe(404);

  const accepted: string[] = [];
  const send = async (i: number) => {
    const { body, headers } = delivery(i);
    const response = await fetch(`${base}/api/sentry/webhooks`, { method: "POST", body, headers });
    expect(response.status).toBe(202);
    accepted.push(((await response.json()) as { deliveryId: string }).deliveryId);
  };
  const kills: number[] = [];
  for (let i = 0; i < DELIVERIES; i += 10) {
    await Promise.all(Array.from({ length: 10 }, (_, j) => send(i + j)));
    if (i === 100 || i === 200) {
      process.kill(workerPid(supervisor.process.pid ?? 0), "SIGKILL");
      kills.push(i);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(accepted).toHaveLength(DELIVERIES);

  const handle = createDb({ socket: join(dataDir, "pglite.sock"), max: 1 });
  try {
    await expect
      .poll(
        async () =>
          (await rows(handle, sql`select count(*)::int as n from webhook_deliveries where status = 'pending'`))[0]?.n,
        {
          timeout: 90_000,
          intervals: [250],
        },
      )
      .toBe(0);
    const [counts] = await rows(
      handle,
      sql`select
        (select count(*) from webhook_deliveries where status = 'processed')::int as processed,
        (select count(*) from observations)::int as observations,
        (select count(distinct delivery_id) from observations)::int as delivered,
        (select count(*) from sentry_issues)::int as issues`,
    );
    expect(counts).toEqual({ processed: DELIVERIES, observations: DELIVERIES, delivered: DELIVERIES, issues: 20 });
  } finally {
    await handle.close();
  }
  expect(supervisor.output().match(/worker exited \(SIGKILL\); restarting/g)).toHaveLength(kills.length);

  // What an operator scrapes: refused without the token; with it, every acknowledgement counted.
  expect((await fetch(`${base}/api/metrics`)).status).toBe(401);
  const bearer = { authorization: `Bearer ${METRICS_TOKEN}` };
  const metrics = await (await fetch(`${base}/api/metrics`, { headers: bearer })).text();
  expect(metrics).toContain(
    `suture_webhook_deliveries_total{source="sentry",resource="error",outcome="stored"} ${DELIVERIES}`,
  );
  expect(metrics).toContain(`suture_webhook_ack_seconds_count{source="sentry"} ${DELIVERIES}`);
  expect(metrics).toMatch(/^suture_pending_deliveries 0$/m);
  const workerMetrics = await fetch(`http://127.0.0.1:${PORT + 2}/metrics`, { headers: bearer });
  expect(workerMetrics.status).toBe(200);
  expect(await workerMetrics.text()).toMatch(/^suture_process_resident_memory_bytes \d+/m);
  await expect.poll(async () => (await health()).body.worker, { timeout: 30_000 }).toBe("ok");

  // The supervisor dies without a word: the web server and the worker do not outlive it.
  const worker = workerPid(supervisor.process.pid ?? 0);
  supervisor.process.kill("SIGKILL");
  await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(0);
  await expect.poll(() => alive(worker), { timeout: 10_000 }).toBe(false);
  rmSync(dataDir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

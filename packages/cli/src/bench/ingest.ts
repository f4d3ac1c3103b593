// `pnpm bench:ingest` — ack latency and throughput of POST /api/sentry/webhooks under
// `next start` on a real PostgreSQL, against GET /api/health in the same run, then a check
// that every accepted delivery reached the database and was processed.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { repoRoot } from "@suture/db";
import { deliveryHeaders } from "@suture/sentry";
import { fixturePath } from "@suture/sentry/fixtures";
import { startNext } from "./next-server.ts";

const root = repoRoot();
const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
const PORT = 3300;
const RATE = 200;
const DURATION = 30;
const target = { p99Ms: 100, ratio: 0.4 };

const adminUrl = execFileSync("bash", [join(root, "scripts/pg.sh"), "start", "54339", "/tmp/suture-bench-pg"], {
  encoding: "utf8",
}).trim();
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe("drop database if exists suture_bench with (force)");
await admin.unsafe("create database suture_bench");
await admin.end();
const databaseUrl = adminUrl.replace(/\/suture$/, "/suture_bench");

if (!existsSync(join(root, "apps/web/.next/BUILD_ID"))) {
  console.log("building the web app (next build)…");
  execFileSync("pnpm", ["build"], { cwd: root, stdio: "inherit" });
}
const server = await startNext(join(root, "apps/web"), PORT, {
  DATABASE_URL: databaseUrl,
  SENTRY_CLIENT_SECRET: SECRET,
  // Required on PostgreSQL; the benchmark signs nobody in.
  SUTURE_AUTH_SECRET: randomBytes(32).toString("hex"),
  SUTURE_AUTO_ROUTE: "1",
  SUTURE_EXECUTOR_PORT: String(PORT + 1),
});
const base = `http://127.0.0.1:${PORT}`;

const template = readFileSync(fixturePath("error.created.json"), "utf8");
let sequence = 0;
/** A unique error.created delivery: new event id, one of 50 issues, signed like Sentry. */
function nextDelivery(): { body: string; headers: Record<string, string> } {
  const n = sequence++;
  const body = template
    .replace("9fac2ceed9344f2bbfdd1fdacb0ed9b1", `${Date.now().toString(16)}${n.toString(16).padStart(20, "0")}`)
    .replaceAll("6123456789", String(7000000000 + (n % 50)));
  return { body, headers: deliveryHeaders("error", body, SECRET) };
}

function run(options: Omit<autocannon.Options, "url">): Promise<autocannon.Result> {
  return autocannon({ ...options, url: base });
}

const webhook = (extra: Omit<autocannon.Options, "url" | "requests">) =>
  run({
    connections: 20,
    ...extra,
    requests: [
      {
        method: "POST",
        path: "/api/sentry/webhooks",
        setupRequest: (request) => Object.assign(request, nextDelivery()),
        onResponse: (status, body) => {
          if (status === 202) accepted.add((JSON.parse(body) as { deliveryId: string }).deliveryId);
        },
      },
    ],
  });

/** Every delivery id the server acknowledged; each must be in the database, processed, at the end. */
const accepted = new Set<string>();

console.log("warming up…");
await run({ connections: 10, duration: 3, requests: [{ method: "GET", path: "/api/health" }] });
await webhook({ duration: 3, connections: 10 });

console.log("health route, as fast as it goes (10 s)…");
const health = await run({ connections: 20, duration: 10, requests: [{ method: "GET", path: "/api/health" }] });
console.log("webhook route, as fast as it goes (10 s)…");
const maxWebhook = await webhook({ duration: 10 });
console.log(`webhook route at ${RATE} deliveries/s (${DURATION} s)…`);
const steady = await webhook({ duration: DURATION, overallRate: RATE, connections: 20 });

console.log("waiting for processing to finish…");
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
const drainStarted = Date.now();
let state = await counts();
while (state.pending > 0 && Date.now() - drainStarted < 120_000) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  state = await counts();
}
const drainSeconds = (Date.now() - drainStarted) / 1000;
const stored = await sql<{ id: string; status: string; observed: boolean }[]>`
  select d.id, d.status, exists(select 1 from observations o where o.delivery_id = d.id) as observed
  from webhook_deliveries d`;
const byId = new Map(stored.map((row) => [row.id, row]));
const lost = [...accepted].filter((id) => !byId.has(id)).length;
const unprocessed = [...accepted].filter(
  (id) => byId.get(id)?.status !== "processed" || !byId.get(id)?.observed,
).length;
await sql.end();
await server.stop();

const errors = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
const ratio = maxWebhook.requests.average / health.requests.average;
const rows = [
  ["GET /api/health (max)", health],
  ["POST webhook (max)", maxWebhook],
  [`POST webhook (${RATE}/s)`, steady],
] as const;
console.log("\nroute                      req/s    p50 ms   p99 ms   errors");
for (const [name, r] of rows) {
  console.log(
    `${name.padEnd(24)} ${r.requests.average.toFixed(0).padStart(7)} ${r.latency.p50.toFixed(1).padStart(9)} ${r.latency.p99.toFixed(1).padStart(8)} ${String(errors(r)).padStart(8)}`,
  );
}
console.log(`\nthroughput ratio webhook/health: ${(ratio * 100).toFixed(0)}%`);
console.log(
  `accepted ${accepted.size}; stored ${state.stored}; processed ${state.processed}; observations ${state.observations}; ` +
    `accepted but missing ${lost}; accepted but unprocessed ${unprocessed}; drained ${drainSeconds.toFixed(1)} s after the load`,
);
const checks = [
  [`p99 < ${target.p99Ms} ms at ${RATE}/s`, steady.latency.p99 < target.p99Ms],
  [`sustained ${RATE}/s`, steady.requests.average >= RATE * 0.95],
  ["zero errors", errors(steady) + errors(maxWebhook) === 0],
  [
    "zero lost: every accepted delivery stored, processed, observed",
    accepted.size > 0 && lost === 0 && unprocessed === 0,
  ],
  [`throughput ≥ ${target.ratio * 100}% of health`, ratio >= target.ratio],
] as const;
for (const [name, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;

async function counts() {
  const [row] = await sql<{ stored: number; pending: number; processed: number; observations: number }[]>`
    select (select count(*) from webhook_deliveries)::int as stored,
           (select count(*) from webhook_deliveries where status = 'pending')::int as pending,
           (select count(*) from webhook_deliveries where status = 'processed')::int as processed,
           (select count(*) from observations)::int as observations`;
  return row!;
}

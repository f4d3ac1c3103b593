// `pnpm bench:ingest` — what Sentry sees of POST /api/sentry/webhooks under `pnpm start` (web
// server, worker, embedded executor): for three workloads on a real PostgreSQL — deliveries on
// 50 issues, every delivery a new issue, and a storm on one issue — the maximum webhook
// throughput against GET /api/health in the same run, the acknowledgement's p50/p99 in an open
// loop at 200 deliveries/s for 30 s, the time the backlog takes to drain after that load, and
// every accepted delivery checked stored, processed and observed, and when the slow answers came
// (spread out, or bunched into stalls). Then the embedded default (PGlite, served by the
// supervisor): 100 deliveries/s for 60 s.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { repoRoot } from "@suture/db";
import { startSupervised } from "./next-server.ts";
import { type LoadResult, measureLoad, METRICS_TOKEN, SECRET } from "./ingest-load.ts";
import type { SlowAnswers } from "./open-loop.ts";

const root = repoRoot();
const PORT = 3300;
const target = { p99Ms: 30, ratio: 0.6, drainSeconds: 2, embeddedP99Ms: 100 };

const WORKLOADS: { name: string; issue: (n: number) => number }[] = [
  { name: "50 issues", issue: (n) => 7000000000 + (n % 50) },
  { name: "a new issue each", issue: (n) => 7100000000 + n },
  { name: "one issue (storm)", issue: () => 7200000000 },
];

if (!existsSync(join(root, "apps/web/.next/BUILD_ID"))) {
  console.log("building the web app (next build)…");
  execFileSync("pnpm", ["build"], { cwd: root, stdio: "inherit" });
}
const adminUrl = execFileSync("bash", [join(root, "scripts/pg.sh"), "start", "54339", "/tmp/suture-bench-pg"], {
  encoding: "utf8",
}).trim();

const results: { name: string; result: LoadResult }[] = [];
// BENCH_ONLY=<words> runs only the workloads whose name contains them ("embedded" for the PGlite line).
const only = process.env.BENCH_ONLY;
for (const workload of WORKLOADS.filter((w) => !only || w.name.includes(only))) {
  const databaseUrl = await freshDatabase();
  const server = await startSupervised(root, PORT, {
    DATABASE_URL: databaseUrl,
    SENTRY_CLIENT_SECRET: SECRET,
    SUTURE_METRICS_TOKEN: METRICS_TOKEN,
    SUTURE_AUTH_SECRET: randomBytes(32).toString("hex"), // required on PostgreSQL; nobody signs in
    SUTURE_AUTO_ROUTE: "1",
    SUTURE_EXECUTOR_PORT: String(PORT + 1),
    SUTURE_WORKER_PORT: String(PORT + 2),
  });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    console.log(`\n— ${workload.name} (PostgreSQL) —`);
    const result = await measureLoad({
      base: `http://127.0.0.1:${PORT}`,
      sql,
      issue: workload.issue,
      rate: 200,
      seconds: 30,
    });
    results.push({ name: workload.name, result });
  } finally {
    await sql.end();
    await server.stop();
  }
}

if (!only || "embedded".includes(only)) await embeddedRun();

async function embeddedRun(): Promise<void> {
  console.log("\n— embedded defaults (PGlite served by the supervisor) —");
  const dataDir = mkdtempSync(join(tmpdir(), "suture-bench-ingest-"));
  const embedded = await startSupervised(root, PORT, {
    SUTURE_DATA_DIR: dataDir,
    SENTRY_CLIENT_SECRET: SECRET,
    SUTURE_METRICS_TOKEN: METRICS_TOKEN,
    SUTURE_EXECUTOR_PORT: String(PORT + 1),
    SUTURE_WORKER_PORT: String(PORT + 2),
  });
  const socketSql = postgres({ path: join(dataDir, "pglite.sock"), prepare: false, fetch_types: false, max: 1 });
  try {
    const result = await measureLoad({
      base: `http://127.0.0.1:${PORT}`,
      sql: socketSql,
      issue: WORKLOADS[0]!.issue,
      rate: 100,
      seconds: 60,
      skipMaximum: true,
    });
    results.push({ name: "embedded, 100/s 60 s", result });
  } finally {
    await socketSql.end();
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  "\nworkload               health/s  webhook/s  ratio   rate  p50 ms  p99 ms  route p99 ≤  loop p99  gen p99  errors  drained s  accepted  lost  unprocessed",
);
for (const { name, result: r } of results) {
  const ratio = ratioOf(r);
  console.log(
    [
      name.padEnd(22),
      fmt(r.health, 8, 0),
      fmt(r.maxWebhook, 10, 0),
      ratio === null ? "     -" : `${(ratio * 100).toFixed(0)}%`.padStart(6),
      `${r.rate}/s`.padStart(6),
      fmt(r.p50, 7, 1),
      fmt(r.p99, 7, 1),
      fmt(r.handlerP99, 12, 0),
      fmt(r.webEventLoopP99, 9, 1),
      fmt(r.generatorLoopP99, 8, 1),
      String(r.errors).padStart(7),
      fmt(r.drainSeconds, 10, 1),
      String(r.accepted).padStart(9),
      String(r.lost).padStart(5),
      String(r.unprocessed).padStart(12),
    ].join(" "),
  );
}
for (const { name, result: r } of results)
  if (r.errors > 0) console.log(`${name}: errors ${JSON.stringify(r.errorKinds)}`);
// Whether the tail is steady queueing or a few stalls (the whole machine busy for a moment).
for (const { name, result: r } of results) console.log(`${name}: ${describeSlow(r.slow)}`);
const checks = results.flatMap(({ name, result: r }) => {
  const embeddedRun = r.health === null;
  return [
    [
      `${name}: p99 ≤ ${embeddedRun ? target.embeddedP99Ms : target.p99Ms} ms at ${r.rate}/s`,
      r.p99 <= (embeddedRun ? target.embeddedP99Ms : target.p99Ms),
    ],
    [`${name}: sustained ${r.rate}/s with no errors`, r.achievedRate >= r.rate * 0.95 && r.errors === 0],
    ...(embeddedRun
      ? []
      : ([
          [`${name}: throughput ≥ ${target.ratio * 100}% of health`, (ratioOf(r) ?? 0) >= target.ratio],
          [`${name}: backlog drained ≤ ${target.drainSeconds} s after the load`, r.drainSeconds <= target.drainSeconds],
        ] as const)),
    [
      `${name}: zero lost — every accepted delivery stored, processed, observed`,
      r.accepted > 0 && r.lost + r.unprocessed === 0,
    ],
  ] as const;
});
console.log("");
for (const [name, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;

/** The webhook's maximum throughput as a share of the health route's (null when not measured). */
function ratioOf(r: LoadResult): number | null {
  return r.health && r.maxWebhook !== null ? r.maxWebhook / r.health : null;
}

function describeSlow({ thresholdMs, count, stalls }: SlowAnswers): string {
  const inStalls = stalls.reduce((sum, stall) => sum + stall.count, 0);
  const list = stalls.map((s) => `${s.at.toFixed(2)} s: ${s.count}, slowest ${s.maxMs.toFixed(0)} ms`).join("; ");
  return `${count} answers over ${thresholdMs} ms, ${inStalls} of them in ${stalls.length} stalled quarter-seconds${list ? ` (${list})` : ""}`;
}

function fmt(value: number | null, width: number, digits: number): string {
  return (value === null ? "-" : value.toFixed(digits)).padStart(width);
}

async function freshDatabase(): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists suture_bench with (force)");
  await admin.unsafe("create database suture_bench");
  await admin.end();
  return adminUrl.replace(/\/suture$/, "/suture_bench");
}

// `pnpm bench:soak` — `pnpm start` on a real PostgreSQL taking 100 deliveries/s for 10 minutes:
// per minute, the acknowledgement's p99 (an open loop) and each process's peak resident memory.
// Targets, after the first (warm-up) minute: p99 ≤ 30 ms every minute; each process's peak
// memory in the last minute at most 20 % above its peak in the first minute after the warm-up.
// Minute 1 is the warm-up: the server's first requests, and V8 still sizing its heaps for the load
// (the web server's RSS rose 349 → 404 MiB from minute 1 to 2 in one run, then stayed there).
// Between minutes a process's RSS moves by up to 90 MiB with V8's heap sizing; the floor of the
// heap in use, printed for the web server and the worker, is what a leak would raise.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import { repoRoot } from "@suture/db";
import { delivery, METRICS_TOKEN, SECRET } from "./ingest-load.ts";
import { startSupervised } from "./next-server.ts";
import { openLoop } from "./open-loop.ts";

const root = repoRoot();
const PORT = 3330;
const WORKER_PORT = PORT + 2;
const RATE = 100;
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const target = { p99Ms: 30, growth: 0.2 };
/** Memory is sampled this often; a minute's figure is its peak (V8's heap is a sawtooth: one snapshot lands anywhere on it). */
const SAMPLE_MS = 5000;
const HEAP_ROLES = ["web", "worker"] as const;
type HeapRole = (typeof HEAP_ROLES)[number];

if (!existsSync(join(root, "apps/web/.next/BUILD_ID")))
  execFileSync("pnpm", ["build"], { cwd: root, stdio: "inherit" });
const adminUrl = execFileSync("bash", [join(root, "scripts/pg.sh"), "start", "54339", "/tmp/suture-bench-pg"], {
  encoding: "utf8",
}).trim();
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe("drop database if exists suture_soak with (force)");
await admin.unsafe("create database suture_soak");
await admin.end();
const server = await startSupervised(root, PORT, {
  DATABASE_URL: adminUrl.replace(/\/suture$/, "/suture_soak"),
  SENTRY_CLIENT_SECRET: SECRET,
  SUTURE_AUTH_SECRET: randomBytes(32).toString("hex"),
  SUTURE_AUTO_ROUTE: "1",
  SUTURE_METRICS_TOKEN: METRICS_TOKEN,
  SUTURE_EXECUTOR_PORT: String(PORT + 1),
  SUTURE_WORKER_PORT: String(WORKER_PORT),
});

let sequence = 0;
/** A unique error.created delivery on one of 50 issues, signed like Sentry. */
const next = () => delivery(sequence++, (n) => 7400000000 + (n % 50));
type Heap = { min: number; max: number };
const minutes: { p99: number; errors: number; rss: Record<string, number>; heap: Record<HeapRole, Heap> }[] = [];
const errorKinds: Record<string, number> = {};
try {
  console.log(`${RATE} deliveries/s for ${MINUTES} minutes; memory sampled every ${SAMPLE_MS / 1000} s`);
  console.log(
    "minute  p99 ms  errors  peak RSS MiB: web  worker  supervisor   V8 heap used MiB (min–max): web    worker",
  );
  for (let minute = 1; minute <= MINUTES; minute++) {
    const samples = sampleMemory();
    const result = await openLoop({
      url: `http://127.0.0.1:${PORT}/api/sentry/webhooks`,
      rate: RATE,
      seconds: 60,
      next,
    });
    const { rss, heap } = await samples.stop();
    for (const [kind, count] of Object.entries(result.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + count;
    minutes.push({ p99: result.p99, errors: result.errors, rss, heap });
    console.log(
      `${String(minute).padStart(6)} ${result.p99.toFixed(1).padStart(7)} ${String(result.errors).padStart(7)} ` +
        ["web", "worker", "supervisor"]
          .map((role, i) => (rss[role] ?? 0).toFixed(0).padStart([18, 7, 11][i] ?? 8))
          .join(" ") +
        HEAP_ROLES.map((role, i) => {
          const range = `${heap[role].min.toFixed(0)}–${heap[role].max.toFixed(0)}`;
          return range.padStart([36, 10][i] ?? 10);
        }).join(""),
    );
  }
} finally {
  await server.stop();
}

if (Object.keys(errorKinds).length > 0) console.log(`errors: ${JSON.stringify(errorKinds)}`);
/** The first minute after the warm-up: where memory growth is measured from. */
const settled = Math.min(1, minutes.length - 1);
const [warm, last] = [minutes[settled], minutes.at(-1)];
const checks: [string, boolean][] = [
  [
    `p99 ≤ ${target.p99Ms} ms every minute after the first (warm-up)`,
    minutes.slice(1).every((m) => m.p99 <= target.p99Ms),
  ],
  ["no errors", minutes.every((m) => m.errors === 0)],
];
for (const role of ["web", "worker", "supervisor"]) {
  const growth = (last?.rss[role] ?? 0) / (warm?.rss[role] ?? 1) - 1;
  checks.push([
    `${role} peak memory grew ${(growth * 100).toFixed(0)} % from minute ${settled + 1} to minute ${minutes.length} (≤ ${target.growth * 100} %)`,
    growth <= target.growth,
  ]);
}
for (const [name, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;

/** Samples each process's RSS and the web server's and worker's V8 heap in use until stopped: the peaks (and the heap's floor). */
function sampleMemory(): { stop: () => Promise<{ rss: Record<string, number>; heap: Record<HeapRole, Heap> }> } {
  const rss: Record<string, number> = {};
  const heap = Object.fromEntries(
    HEAP_ROLES.map((role) => [role, { min: Number.POSITIVE_INFINITY, max: 0 }]),
  ) as Record<HeapRole, Heap>;
  const sample = async () => {
    const [now, ...used] = await Promise.all([server.rss(), ...HEAP_ROLES.map(heapUsed)]);
    for (const [role, mib] of Object.entries(now)) rss[role] = Math.max(rss[role] ?? 0, mib);
    HEAP_ROLES.forEach((role, i) => {
      const mib = used[i] ?? Number.NaN;
      heap[role] = { min: Math.min(heap[role].min, mib), max: Math.max(heap[role].max, mib) };
    });
  };
  let pending = sample();
  const timer = setInterval(() => {
    pending = pending.then(sample);
  }, SAMPLE_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await pending.then(sample);
      return { rss, heap };
    },
  };
}

/**
 * A process's V8 heap in use (MiB), from its metrics (the web server's /api/metrics, the
 * worker's /metrics): a leak grows it; a heap V8 merely sized up grows RSS alone.
 */
async function heapUsed(role: HeapRole): Promise<number> {
  const url = role === "web" ? `http://127.0.0.1:${PORT}/api/metrics` : `http://127.0.0.1:${WORKER_PORT}/metrics`;
  const text = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
  const line = text.split("\n").find((l) => l.startsWith("suture_nodejs_heap_size_used_bytes "));
  return Number(line?.split(" ")[1] ?? Number.NaN) / 2 ** 20;
}

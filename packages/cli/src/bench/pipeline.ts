// `pnpm bench:pipeline` — time from a Sentry webhook accepted to the draft PR opened, on the
// embedded defaults (`pnpm start`: web server, worker, PGlite and executor), with the instant scripted
// agent, a real git repository and the GitHub REST double. 20 runs, one at a time.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSampleRepo, SAMPLE_APP, scriptedAgents } from "@suture/fixer/test-support";
import { startGithubDouble } from "@suture/github/test-support";
import { sampleAppDeliveries } from "@suture/sentry/test-support";
import { startSupervised } from "./next-server.ts";

const RUNS = 20;
const PORT = 3320;
const TARGET_MEDIAN_MS = 2000;
const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
// Before anything reads its environment: the data folder decides which database opens.
const dataDir = mkdtempSync(join(tmpdir(), "suture-bench-pipeline-"));
process.env.SUTURE_DATA_DIR = dataDir;
const sample = await createSampleRepo();
const github = await startGithubDouble({ repositories: { "acme/shop": sample.bareDir } });

// Connect the repository and let policy approve, before the server takes the PGlite lock.
const core = await import("@suture/core");
const { closeDb, getDb } = await import("@suture/core/database");
const db = await import("@suture/db");
const root = db.repoRoot();
const workspace = await db.ensureWorkspace(await getDb(), { slug: "default", name: "Default" });
await core.connectRepository({
  workspace: "default",
  repository: "acme/shop",
  cloneUrl: sample.cloneUrl,
  testCommand: SAMPLE_APP.testCommand,
  codeMappings: [{ stackRoot: "/app/", sourceRoot: "" }],
});
await core.setWorkspacePolicy("default", {
  mode: "auto",
  maxActiveRuns: RUNS + 1,
  maxDispatchesPerHour: RUNS + 1,
  maxDispatchesPerDay: RUNS + 1,
});
await closeDb();

execFileSync("pnpm", ["build"], { cwd: root, stdio: "ignore" });
const server = await startSupervised(root, PORT, {
  SUTURE_DATA_DIR: dataDir,
  SENTRY_CLIENT_SECRET: SECRET,
  SUTURE_EXECUTOR_PORT: String(PORT + 1),
  SUTURE_WORKER_PORT: String(PORT + 2),
  // SUTURE_FUNCTIONS=web (one process) or SUTURE_WORKER_NICE, to compare.
  ...pick(process.env, ["SUTURE_FUNCTIONS", "SUTURE_WORKER_NICE"]),
  GITHUB_TOKEN: "ghs_bench_token",
  GITHUB_API_URL: github.url,
  SUTURE_AGENT: "command",
  SUTURE_AGENT_COMMAND: scriptedAgents.fix,
});

const latencies: number[] = [];
try {
  for (let i = 1; i <= RUNS; i++) {
    const shortId = `BENCH-${i}`;
    const { issue, error } = sampleAppDeliveries(SAMPLE_APP, String(7300000000 + i), shortId, SECRET);
    let accepted = 0;
    for (const d of [issue, error]) {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/sentry/webhooks`, {
        method: "POST",
        headers: d.headers,
        body: d.body,
      });
      if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      accepted ||= performance.now();
    }
    const opened = await waitFor(
      () => [...github.pulls.values()].some((p) => p.head.ref === `fix/sentry-${shortId}`),
      30_000,
    );
    latencies.push(opened - accepted);
    process.stdout.write(`run ${i}: ${Math.round(opened - accepted)} ms\n`);
  }
} catch (error) {
  console.error((error as Error).message, "\n--- server output ---\n", server.output().slice(-4000));
  await server.stop();
  await printRuns();
  process.exitCode = 1;
} finally {
  await server.stop().catch(() => {});
  await github.close();
  await sample.cleanup();
}
const dispatchMs = process.exitCode ? [] : await dispatchDurations();
rmSync(dataDir, { recursive: true, force: true });

if (latencies.length === RUNS) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = (sorted[RUNS / 2 - 1]! + sorted[RUNS / 2]!) / 2;
  console.log(
    `\nwebhook accepted → draft PR opened, ${RUNS} runs: median ${Math.round(median)} ms, min ${Math.round(sorted[0]!)} ms, max ${Math.round(sorted.at(-1)!)} ms`,
  );
  console.log(`target: median ≤ ${TARGET_MEDIAN_MS} ms — ${median <= TARGET_MEDIAN_MS ? "met" : "NOT met"}`);
  const dispatch = [...dispatchMs].sort((a, b) => a - b);
  console.log(
    `of which dispatch (started → PR opened, from the runs' timelines): median ${Math.round(dispatch[Math.floor(dispatch.length / 2)] ?? 0)} ms, max ${Math.round(dispatch.at(-1) ?? 0)} ms`,
  );
}

/**
 * Per run, the time from the `started` to the `pr_opened` entry of its timeline; and, printed,
 * the median time from the run's creation to each kind of entry, where the time goes.
 */
async function dispatchDurations(): Promise<number[]> {
  const handle = await getDb();
  const durations: number[] = [];
  const offsets = new Map<string, number[]>();
  for (const run of await db.listFixRuns(handle, { workspaceId: workspace.id })) {
    const events = await db.listFixRunEvents(handle, { fixRunId: run.id });
    const at = (kind: string) => events.find((e) => e.kind === kind)?.createdAt.getTime();
    const [started, opened] = [at("started"), at("pr_opened")];
    if (started && opened) durations.push(opened - started);
    for (const event of events) {
      const list = offsets.get(event.kind) ?? [];
      if (list.length < durations.length) list.push(event.createdAt.getTime() - run.createdAt.getTime());
      offsets.set(event.kind, list);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const stages = [...offsets].map(([kind, values]) => [kind, median(values)] as const).sort((a, b) => a[1] - b[1]);
  console.log(`\nmedian time from a run's creation to its first entry of each kind:`);
  for (const [kind, ms] of stages) console.log(`  ${kind.padEnd(24)} ${String(Math.round(ms)).padStart(6)} ms`);
  await closeDb();
  return durations;
}

/** Where each run got to, read after the server let go of the database. */
async function printRuns(): Promise<void> {
  const handle = await getDb();
  const runs = await db.listFixRuns(handle, { workspaceId: workspace.id });
  if (runs.length === 0) {
    // Every delivery, the unrouted ones too: why none became a run may be that none was routed.
    const deliveries = await db.listRecentDeliveriesAcrossWorkspaces(handle, { limit: 10 });
    console.error(
      `no fix runs; latest deliveries:\n${deliveries.map((d) => `  ${d.resource}.${d.action} ${d.status} ${d.error ?? ""}`).join("\n")}`,
    );
  }
  for (const run of runs) {
    const events = await db.listFixRunEvents(handle, { fixRunId: run.id });
    console.error(
      `run ${run.id}: ${run.status} ${run.reason ?? ""}\n${events.map((e) => `  ${e.kind}: ${e.message.slice(0, 200)}`).join("\n")}`,
    );
  }
  await closeDb();
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`no draft PR within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now();
}

function pick(env: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

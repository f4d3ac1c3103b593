// `pnpm bench:dashboard` — server-side rendering cost of the dashboard's pages at scale: a
// PostgreSQL of its own seeded with 100,000 issues, 1,000,000 observations and 10,000 fix runs
// across 3 workspaces, then the core loaders the pages call and the same pages rendered by
// `next start` for a signed-in member, 50 requests each (p50, p95), and the plans PostgreSQL
// chose (auto_explain), which name the indexes they use.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { WorkspaceScope } from "@suture/core";
import { fixturePath } from "@suture/sentry/fixtures";
import { startDashboardServer } from "./dashboard-http.ts";
import { seedDashboard } from "./dashboard-seed.ts";

// Not through @suture/db: importing it reads the environment before DATABASE_URL is set below.
const root = fileURLToPath(new URL("../../../..", import.meta.url));
const PG_PORT = "54341";
const PG_DIR = "/tmp/suture-bench-dashboard-pg";
const REQUESTS = 50;
const TARGET_P95_MS = 150;
const EXPLAIN_FILE = "/tmp/suture-bench-dashboard-explain.txt";

const adminUrl = execFileSync("bash", [join(root, "scripts/pg.sh"), "start", PG_PORT, PG_DIR], {
  encoding: "utf8",
}).trim();
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe("drop database if exists suture_dashboard with (force)");
await admin.unsafe("create database suture_dashboard");
await admin.end();
const databaseUrl = adminUrl.replace(/\/suture$/, "/suture_dashboard");

// Before core reads its environment: which database it opens.
process.env.DATABASE_URL = databaseUrl;
process.env.SUTURE_AUTH_SECRET ??= randomBytes(32).toString("hex");
const core = await import("@suture/core");
const { closeDb, getDbHandle } = await import("@suture/core/database");
const { migrate } = await import("@suture/db");
await migrate(await getDbHandle());

const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
const seeded = await seedDashboard(sql, readFileSync(fixturePath("error.created.json"), "utf8"));
console.log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${seeded.counts}`);

const scopes = seeded.workspaces.map((w): WorkspaceScope => ({
  workspaceId: w.id,
  slug: w.slug,
  name: w.slug,
  role: "approver",
  user: { id: "bench", email: "bench@example.com", name: "Bench" },
}));
const query = (params: Record<string, string> = {}) => core.parseIssueListQuery(params);
/** An issues page as the page loads it; an empty one would time nothing worth timing. */
async function issues(i: number, params: Record<string, string> = {}) {
  const list = await core.getIssueList(scopeAt(i), query(params));
  if (list.issues.length === 0) fail(`no issues for ${JSON.stringify(params)}`);
  return list;
}
const scopeAt = (i: number) => scopes[i % scopes.length] ?? fail("no workspace");

/** The cursor of page `page` of the default view, by walking the "more" cursors. */
async function cursorOfPage(scopeIndex: number, page: number): Promise<string> {
  let cursor: string | null = null;
  for (let i = 1; i < page; i++) {
    const list = await core.getIssueList(scopeAt(scopeIndex), query(cursor ? { cursor } : {}));
    cursor = list.nextCursor ?? fail(`page ${i} has no next page`);
  }
  return cursor ?? fail("no cursor");
}
const page50 = await Promise.all(scopes.map((_, i) => cursorOfPage(i, 50)));

const pages: [string, (i: number) => Promise<unknown>][] = [
  ["issues (default view)", (i) => issues(i)],
  [
    "issues (project + level + environment)",
    (i) => issues(i, { project: "web", level: "warning", environment: "staging" }),
  ],
  ["issues (search 'module37.js')", (i) => issues(i, { q: "module37.js", tab: "all" })],
  ["issues (page 50 by cursor)", (i) => issues(i, { cursor: page50[i % 3] ?? "" })],
  [
    "issue page (hot issue)",
    async (i) => {
      const page = await core.getIssuePage(scopeAt(i), seeded.hotIssues[i % 3]?.[Math.floor(i / 3) % 10] ?? "");
      if (page.status !== "found" || !page.event) fail("a hot issue's page was not found, or had no event");
      return page;
    },
  ],
  ["runs page (listFixRuns)", (i) => core.listFixRuns(scopeAt(i))],
];

// One pass with auto_explain on (fresh connections), each page's plans cut from the server log.
await sql.unsafe("alter database suture_dashboard set session_preload_libraries = 'auto_explain'");
await sql.unsafe("alter database suture_dashboard set auto_explain.log_min_duration = 0");
await closeDb();
const log = join(PG_DIR, "server.log");
const explained: string[] = [];
for (const [name, load] of pages) {
  const from = statSync(log).size;
  await load(0);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const plans = readFileSync(log, "utf8").slice(from);
  explained.push(`### ${name}\n${plans}`);
  const scans = [...new Set(plans.match(/(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)[^\n(]*/g) ?? [])];
  console.log(`  plan ${name}: ${scans.map((s) => s.trim()).join("; ")}`);
}
writeFileSync(EXPLAIN_FILE, explained.join("\n"));
console.log(`  (whole plans in ${EXPLAIN_FILE})`);
await sql.unsafe("alter database suture_dashboard reset all");
await closeDb();

let worst = 0;
for (const [name, load] of pages) worst = Math.max(worst, await time(name, load));

// The same pages over HTTP: the loaders plus React's server rendering, as a signed-in member.
const server = await startDashboardServer(
  root,
  { databaseUrl, authSecret: process.env.SUTURE_AUTH_SECRET ?? fail("no auth secret") },
  async (email, password) => {
    const added = await core.addUser({ email, password, role: "viewer" }, { userId: null, label: "bench" });
    if (added.status === "invalid" || added.status === "no_workspace") fail(`could not add the reader: ${added.error}`);
  },
);
const slugAt = (i: number) => encodeURIComponent(scopeAt(i).slug);
const httpPages: [string, (i: number) => string][] = [
  ["http issues (default view)", (i) => `/${slugAt(i)}/issues`],
  [
    "http issues (project + level + environment)",
    (i) => `/${slugAt(i)}/issues?project=web&level=warning&environment=staging`,
  ],
  ["http issues (search 'module37.js')", (i) => `/${slugAt(i)}/issues?q=module37.js&tab=all`],
  ["http issues (page 50 by cursor)", (i) => `/${slugAt(i)}/issues?cursor=${encodeURIComponent(page50[i % 3] ?? "")}`],
  [
    "http issue page (hot issue)",
    (i) => `/${slugAt(i)}/issues/${seeded.hotIssues[i % 3]?.[Math.floor(i / 3) % 10] ?? ""}`,
  ],
  ["http runs page", (i) => `/${slugAt(i)}/runs`],
];
try {
  for (const [name, path] of httpPages) worst = Math.max(worst, await time(name, (i) => server.get(path(i))));
} finally {
  await server.stop();
}
console.log(`dashboard p95 max ${Math.round(worst)} ms (target ≤ ${TARGET_P95_MS} ms)`);

/** Five warm-up requests, then REQUESTS timed ones; prints p50 and p95 and returns the p95. */
async function time(name: string, load: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await load(i);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    await load(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
  console.log(`${name.padEnd(46)} p50 ${p(0.5).toFixed(1)} ms  p95 ${p(0.95).toFixed(1)} ms`);
  return p(0.95);
}

await sql.end();
await closeDb();
execFileSync("bash", [join(root, "scripts/pg.sh"), "stop", PG_PORT, PG_DIR]);
process.exitCode = worst <= TARGET_P95_MS ? 0 : 1;

function fail(message: string): never {
  throw new Error(message);
}

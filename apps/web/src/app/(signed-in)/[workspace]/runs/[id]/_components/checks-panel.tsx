import type { ReactNode } from "react";
import type { FoundFixRun } from "../run-details";

type Checks = NonNullable<FoundFixRun["checks"]>;
type Tests = NonNullable<FoundFixRun["tests"]>;

function Verdict({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${ok ? "bg-emerald-50 text-emerald-700 ring-emerald-200" : "bg-red-50 text-red-700 ring-red-200"}`}
    >
      {children}
    </span>
  );
}

function DiffChecks({ checks }: { checks: Checks }) {
  const lines = checks.added + checks.removed;
  return (
    <div className="space-y-2 px-4 py-3 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Diff checks</span>
        <Verdict ok={checks.ok}>{checks.ok ? "passed" : "refused"}</Verdict>
      </p>
      {checks.reason ? <p className="text-red-700">{checks.reason}</p> : null}
      <ul className="space-y-1 text-slate-600">
        <li>
          {checks.paths.length} of at most {checks.maxFiles} files · {lines} of at most {checks.maxLines} changed lines
        </li>
        <li>
          {checks.requireTest ? "A test must be touched" : "No test required"}
          {" · "}
          {checks.paths.some(isTestPath) ? "a test was touched" : "no test was touched"}
        </li>
        <li>{checks.protectedPatterns} protected path patterns checked</li>
      </ul>
    </div>
  );
}

function isTestPath(path: string): boolean {
  return /(^|\/)(tests?|__tests__|spec)\/|[._-](test|spec)\.[a-z0-9]+$|(^|\/)test_[^/]+\.py$/i.test(path);
}

function TestRun({ tests }: { tests: Tests }) {
  const outcome = tests.timedOut
    ? "timed out"
    : tests.ok
      ? "passed"
      : `failed${tests.exitCode === null ? "" : ` (exit ${tests.exitCode})`}`;
  return (
    <div className="space-y-2 px-4 py-3 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Tests</span>
        <Verdict ok={tests.ok}>{outcome}</Verdict>
        <span className="text-xs text-slate-500">{(tests.durationMs / 1000).toFixed(1)} s</span>
      </p>
      <p>
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all">{tests.command}</code>
      </p>
      {tests.error ? <p className="text-red-700">{tests.error}</p> : null}
      {tests.output ? (
        <details>
          <summary className="cursor-pointer text-xs font-medium text-slate-600">Test output</summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap text-slate-800">
            {tests.output}
          </pre>
        </details>
      ) : null}
    </div>
  );
}

/** What Suture checked before pushing: the diff against the workspace's limits, and the test run. */
export function ChecksPanel({ checks, tests }: { checks: Checks | null; tests: Tests | null }) {
  if (!checks && !tests) return null;
  return (
    <section aria-labelledby="checks-title" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="checks-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Checks
      </h2>
      <div className="divide-y divide-slate-100">
        {checks ? <DiffChecks checks={checks} /> : null}
        {tests ? <TestRun tests={tests} /> : null}
      </div>
    </section>
  );
}

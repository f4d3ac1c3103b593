import { stripAnsi } from "./agent-summary.ts";
import { scrubText } from "./scrub.ts";
import { githubWebHost, safeHttpsUrl } from "../links/safe-https-url.ts";

export interface PullRequestInput {
  issue: {
    shortId: string;
    title: string | null;
    webUrl: string | null;
    eventCount?: number | null;
    userCount?: number | null;
    lastSeen?: Date | null;
  };
  summary: string | null;
  checks: { name: string; ok: boolean; detail: string }[];
  tests: { command: string; ok: boolean; exitCode: number | null; durationMs: number; outputTail: string } | null;
  diff: { files: number; added: number; removed: number; paths: string[] };
  /** The agent's tests run without its fix: they must fail there (red) as they pass with it (green). */
  redGreen?: {
    command: string;
    testFiles: string[];
    reproduced: boolean;
    exitCode: number | null;
    outputTail: string;
  } | null;
  /** The deployment that introduced the error's release, and the suspect commits of its range. */
  deployment?: {
    release: string;
    environment: string | null;
    commitSha: string | null;
    compareUrl: string | null;
    commits: number | null;
    suspects: { sha: string; message: string; author: string | null; touched: string[] }[];
  } | null;
  runUrl: string | null;
}

export const TITLE_LIMIT = 72;
const SUMMARY_LIMIT = 1500;
const OUTPUT_LINES = 40;
const OUTPUT_LIMIT = 4000;
const PATH_LIMIT = 50;

/**
 * Title, body and commit message of the draft pull request. Everything that came from Sentry
 * or the agent is scrubbed and made inert: the PR is read by people and by GitHub, which
 * would otherwise ping `@mentions` and close issues named by `fixes #12`.
 */
export function pullRequestText(input: PullRequestInput): { title: string; body: string; commitMessage: string } {
  const shortId = oneLine(scrubText(input.issue.shortId));
  const title = pullRequestTitle(shortId, input.issue.title);
  const url = issueUrl(input.issue.webUrl);
  const summary = input.summary?.trim() ? inert(cap(scrubText(stripAnsi(input.summary).trim()), SUMMARY_LIMIT)) : null;
  const body = [
    `Fixes Sentry issue ${url ? `[${shortId}](${url})` : shortId}${input.issue.title ? `: ${inert(oneLine(scrubText(input.issue.title)))}` : ""}`,
    impact(input.issue),
    `## Root cause\n\n${summary ?? "_The agent did not describe the root cause._"}`,
    whatChanged(input.diff),
    deploymentSection(input.deployment ?? null),
    input.checks.length > 0
      ? `## Checks\n\n${input.checks.map((c) => `- ${c.ok ? "✓" : "✗"} ${c.name}: ${inert(oneLine(scrubText(c.detail)))}`).join("\n")}`
      : "",
    testsSection(input.tests),
    redGreenSection(input.redGreen ?? null, input.tests),
    notCheckedSection(input),
    "---",
    "**This draft was written by a coding agent and requires human review before merging.**",
    input.runUrl ? `[Suture run](${input.runUrl})` : "",
  ];
  const trailers = [`Sentry-Issue: ${url ?? shortId}`, input.runUrl ? `Suture-Run: ${input.runUrl}` : ""];
  const commitBody = [summary ? cap(summary, 600) : "", trailers.filter(Boolean).join("\n")];
  return { title, body: join(body), commitMessage: join([title, ...commitBody]) };
}

function pullRequestTitle(shortId: string, title: string | null): string {
  const suffix = ` (${shortId})`;
  const text = title ? oneLine(scrubText(title)) : "";
  const room = TITLE_LIMIT - "fix: ".length - suffix.length;
  return `fix: ${text === "" ? `Sentry issue` : inert(cap(text, Math.max(room, 10)))}${suffix}`;
}

/** The issue's address without its query string: a link to `…?[query]` would be broken. */
function issueUrl(webUrl: string | null): string | null {
  const safe = safeHttpsUrl(webUrl);
  if (!safe) return null;
  const url = new URL(safe);
  return scrubText(`${url.origin}${url.pathname}`);
}

function impact(issue: PullRequestInput["issue"]): string {
  const parts = [
    typeof issue.eventCount === "number" ? `${issue.eventCount.toLocaleString("en-US")} events` : null,
    typeof issue.userCount === "number" ? `${issue.userCount.toLocaleString("en-US")} users` : null,
    issue.lastSeen ? `last seen ${issue.lastSeen.toISOString()}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `**Impact:** ${parts.join(" · ")}` : "";
}

function whatChanged(diff: PullRequestInput["diff"]): string {
  const shown = diff.paths.slice(0, PATH_LIMIT).map((path) => `- ${inlineCode(path)}`);
  if (diff.paths.length > PATH_LIMIT) shown.push(`- … and ${diff.paths.length - PATH_LIMIT} more`);
  const counts = `${diff.files} ${diff.files === 1 ? "file" : "files"}, +${diff.added} −${diff.removed}`;
  return `## What changed\n\n${counts}${shown.length > 0 ? `\n\n${shown.join("\n")}` : ""}`;
}

const SUSPECT_LIMIT = 5;

function deploymentSection(d: PullRequestInput["deployment"]): string {
  if (!d) return "";
  const text = (value: string) => inert(oneLine(scrubText(value)));
  const compare = safeHttpsUrl(d.compareUrl, [githubWebHost()]);
  const range = d.commits === null ? "" : ` · ${d.commits} commit${d.commits === 1 ? "" : "s"} since the previous one`;
  const head = `Release ${inlineCode(text(d.release))}${d.environment ? ` deployed to ${inlineCode(text(d.environment))}` : " deployed"}${
    d.commitSha ? ` at ${inlineCode(d.commitSha.slice(0, 12))}` : ""
  }${range}${compare ? ` ([compare](${compare}))` : ""}.`;
  if (d.suspects.length === 0)
    return `## Deployment\n\n${head}\n\nNo commit of the range changed a file of the stack trace.`;
  const suspects = d.suspects.slice(0, SUSPECT_LIMIT).map((s) => {
    const subject = cap(text(s.message.split("\n")[0] ?? ""), 100);
    const by = s.author ? ` by ${text(s.author)}` : "";
    return `- ${inlineCode(s.sha.slice(0, 12))} ${subject}${by}: changed ${s.touched.map((path) => inlineCode(scrubText(path))).join(", ")}`;
  });
  return `## Deployment\n\n${head}\n\n**Suspect commits** (they changed files of the stack trace):\n\n${suspects.join("\n")}`;
}

const RED_LINES = 25;

function redGreenSection(red: PullRequestInput["redGreen"], tests: PullRequestInput["tests"]): string {
  if (!red) return "";
  const files = red.testFiles
    .slice(0, 10)
    .map((path) => inlineCode(scrubText(path)))
    .join(", ");
  const green = tests?.ok ? "passes with it" : "was not seen passing with it";
  const verdict = red.reproduced
    ? `${files} ${red.testFiles.length === 1 ? "fails" : "fail"} without the fix and ${green}.`
    : `⚠️ ${files} ${red.testFiles.length === 1 ? "passes" : "pass"} without the fix: ${red.testFiles.length === 1 ? "it does" : "they do"} not reproduce the bug.`;
  const tail = failureExcerpt(scrubText(stripAnsi(red.outputTail)).replace(/\r\n?/g, "\n").trimEnd().split("\n"));
  const outcome = red.reproduced ? `failed${red.exitCode !== null ? ` (exit ${red.exitCode})` : ""}` : "passed";
  const output = tail.trim() === "" ? "" : `\n\n${fencedBlock(tail.slice(-OUTPUT_LIMIT))}`;
  return `## Regression test\n\n${verdict}\n\nWithout the fix, ${inlineCode(scrubText(red.command))} ${outcome}:${output}`;
}

/** What a reviewer should not assume was checked. */
function notCheckedSection({ tests, redGreen }: PullRequestInput): string {
  const items = [
    tests ? null : "the repository's tests: no test command is configured for this repository",
    tests && !redGreen ? "that a test fails without the fix: the change has no test and code to compare" : null,
    redGreen && !redGreen.reproduced ? "that the test reproduces the bug: it passes without the fix" : null,
  ].filter((item) => item !== null);
  return items.length > 0 ? `## Not checked\n\n${items.map((item) => `- ${item}`).join("\n")}` : "";
}

const FAILURE_LINE = /\bnot ok\b|AssertionError|\bError\b|\bFAIL(ED)?\b|✕|×|\bexpected\b/i;

/** The lines from the first that reads as a failure (the failing assertion), else the last ones. */
function failureExcerpt(lines: string[]): string {
  const first = lines.findIndex((line) => FAILURE_LINE.test(line));
  return (first === -1 ? lines.slice(-RED_LINES) : lines.slice(first, first + RED_LINES)).join("\n");
}

function testsSection(tests: PullRequestInput["tests"]): string {
  if (!tests) return "## Tests\n\nNo test command is configured for this repository.";
  const result = tests.ok ? "passed" : `failed${tests.exitCode !== null ? ` (exit ${tests.exitCode})` : ""}`;
  const lines = scrubText(stripAnsi(tests.outputTail))
    .replace(/\r\n?/g, "\n")
    .trimEnd()
    .split("\n")
    .slice(-OUTPUT_LINES);
  const tail = lines.join("\n").slice(-OUTPUT_LIMIT);
  const output = tail.trim() === "" ? "" : `\n\n${fencedBlock(tail)}`;
  return `## Tests\n\n${inlineCode(scrubText(tests.command))} ${result} in ${duration(tests.durationMs)}${output}`;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Text GitHub shows as written: no notifications, no issue-closing keywords. */
function inert(text: string): string {
  return text
    .replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, "$1@\u200b")
    .replace(/\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(:?\s+)(?=[\w.-]*\/?[\w.-]*#\d)/gi, "$1\u200b$2");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function cap(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

function join(parts: string[]): string {
  return parts.filter((part) => part !== "").join("\n\n");
}

/** Inline code that survives backticks in the value. */
export function inlineCode(value: string): string {
  const fence = backticksAbove(value, 1);
  return `${fence}${value.startsWith("`") || value.endsWith("`") ? ` ${value} ` : value}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so the value cannot close it. */
export function fencedBlock(value: string, lang = ""): string {
  const fence = backticksAbove(value, 3);
  return `${fence}${lang}\n${value}\n${fence}`;
}

const backticksAbove = (value: string, minimum: number) =>
  "`".repeat(Math.max(minimum, ...Array.from(value.matchAll(/`+/g), (m) => m[0].length + 1)));

import {
  type DoubleChecks,
  type DoubleReview,
  annotationsJson,
  checkRunsJson,
  combinedStatusJson,
  reviewCommentsJson,
  reviewJson,
} from "./double-checks.ts";
import { commitFilesJson, compareJson } from "./double-commits.ts";
import { type Pull, labelJson, makePull, pullKey, validationFailed } from "./double-state.ts";

export type Reply = { status: number; body: unknown };

export interface RouteContext {
  method: string;
  path: string;
  body: unknown;
  url: string;
  pulls: Map<string, Pull>;
  reviews: Map<string, DoubleReview[]>;
  checks: Map<string, DoubleChecks>;
  /** The branch's commit; null if the branch is missing, undefined if the repository is unknown. */
  resolveBranch(owner: string, repo: string, branch: string): Promise<string | null | undefined>;
  /** git's output in the repository; null when git fails, undefined for an unknown repository. */
  git(owner: string, repo: string, args: string[]): Promise<string | null | undefined>;
}

const REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";
const routes: [
  string,
  RegExp,
  (c: RouteContext, p: Record<string, string>) => Reply | undefined | Promise<Reply | undefined>,
][] = [
  ["POST", new RegExp(`^${REPO}/pulls$`), createPull],
  ["GET", new RegExp(`^${REPO}/pulls$`), listPulls],
  ["GET", new RegExp(`^${REPO}/pulls/(?<number>\\d+)$`), (c, p) => withPull(c, p, (pull) => ok(pull))],
  [
    "GET",
    new RegExp(`^${REPO}/pulls/(?<number>\\d+)/reviews$`),
    (c, p) =>
      withPull(c, p, (pull) =>
        ok(
          (c.reviews.get(pullKey(p.owner!, p.repo!, pull.number)) ?? []).map((r, i) => reviewJson(r, i, pull.head.sha)),
        ),
      ),
  ],
  [
    "GET",
    new RegExp(`^${REPO}/pulls/(?<number>\\d+)/comments$`),
    (c, p) =>
      withPull(c, p, (pull) =>
        ok(reviewCommentsJson(c.reviews.get(pullKey(p.owner!, p.repo!, pull.number)) ?? [], pull.head.sha)),
      ),
  ],
  ["POST", new RegExp(`^${REPO}/issues/(?<number>\\d+)/labels$`), addLabels],
  ["POST", new RegExp(`^${REPO}/pulls/(?<number>\\d+)/requested_reviewers$`), requestReviewers],
  ["GET", new RegExp(`^${REPO}/contents/(?<path>.+)$`), fileContents],
  [
    "GET",
    new RegExp(`^${REPO}/check-runs/(?<id>\\d+)/annotations$`),
    (c, p) => {
      const run = [...c.checks.values()].flatMap((v) => v.checkRuns ?? []).find((r) => r.id === Number(p.id));
      return run ? ok(annotationsJson(run)) : undefined;
    },
  ],
  [
    "GET",
    new RegExp(`^${REPO}/commits/(?<ref>[^/]+)/check-runs$`),
    (c, p) => ok(checkRunsJson(p.ref!, c.checks.get(p.ref!) ?? {})),
  ],
  [
    "GET",
    new RegExp(`^${REPO}/commits/(?<ref>[^/]+)/status$`),
    (c, p) => ok(combinedStatusJson(p.ref!, c.checks.get(p.ref!) ?? {})),
  ],
  ["GET", new RegExp(`^${REPO}/compare/(?<base>\\w[\\w/-]*)\\.\\.\\.(?<head>\\w[\\w/-]*)$`), compare],
  ["GET", new RegExp(`^${REPO}/commits/(?<ref>[0-9a-fA-F]{7,40})$`), commitWithFiles],
  // A GitHub App trades its JWT for an installation token here.
  [
    "POST",
    /^\/app\/installations\/(?<id>\d+)\/access_tokens$/,
    () => ({
      status: 201,
      body: {
        token: "ghs_double_installation_token",
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: {},
      },
    }),
  ],
];

/** Answers one authenticated request, or undefined for a path GitHub would not know. */
export async function route(c: RouteContext): Promise<Reply | undefined> {
  const pathname = decodeURIComponent(new URL(c.path, "http://double").pathname);
  for (const [method, pattern, handler] of routes) {
    const match = pattern.exec(pathname);
    if (match && method === c.method) return handler(c, match.groups ?? {});
  }
  return undefined;
}

async function createPull(c: RouteContext, p: Record<string, string>): Promise<Reply | undefined> {
  const owner = p.owner!;
  const repo = p.repo!;
  const input = (c.body ?? {}) as { title?: unknown; head?: unknown; base?: unknown; body?: unknown; draft?: unknown };
  const missing = ["title", "head", "base"].filter(
    (f) => typeof input[f as keyof typeof input] !== "string" || !input[f as keyof typeof input],
  );
  if (missing.length > 0)
    return validationFailed(missing.map((field) => ({ resource: "PullRequest", field, code: "missing_field" })));
  // "owner:branch" names a branch of that owner's fork; the double only knows one owner per repo.
  const head = (input.head as string).replace(/^[^:]+:/, "");
  const base = input.base as string;
  const headSha = await c.resolveBranch(owner, repo, head);
  if (headSha === undefined) return undefined;
  if (headSha === null) return validationFailed([{ resource: "PullRequest", field: "head", code: "invalid" }]);
  const baseSha = await c.resolveBranch(owner, repo, base);
  if (!baseSha) return validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
  if (baseSha === headSha) {
    return validationFailed([
      { resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` },
    ]);
  }
  const prefix = `${owner}/${repo}#`;
  const mine = [...c.pulls.entries()].filter(([key]) => key.startsWith(prefix)).map(([, pull]) => pull);
  if (mine.some((pull) => pull.head.ref === head && pull.state === "open")) {
    return validationFailed([
      { resource: "PullRequest", code: "custom", message: `A pull request already exists for ${owner}:${head}.` },
    ]);
  }
  const number = Math.max(0, ...mine.map((x) => x.number)) + 1;
  const pull: Pull = {
    ...makePull(c.url, owner, repo, number, { ref: head, sha: headSha }, base),
    title: input.title as string,
    body: typeof input.body === "string" ? input.body : null,
    draft: input.draft === true,
  };
  c.pulls.set(pullKey(owner, repo, number), pull);
  return { status: 201, body: pull };
}

/**
 * GitHub's filters: `head` is "owner:branch" (a bare branch name is silently ignored, as on
 * GitHub), `state` is open by default; newest first, one page of `per_page` (30, at most 100).
 */
function listPulls(c: RouteContext, p: Record<string, string>): Reply | undefined {
  const query = new URL(c.path, "http://double").searchParams;
  const state = query.get("state") ?? "open";
  if (!["open", "closed", "all"].includes(state))
    return validationFailed([{ resource: "PullRequest", field: "state", code: "invalid" }]);
  // Owners compare case-insensitively, branch names exactly.
  const [, headOwner, headRef] = /^([^:]+):(.+)$/.exec(query.get("head") ?? "") ?? [];
  const perPage = Math.min(100, Math.max(1, Number(query.get("per_page")) || 30));
  const page = Math.max(1, Number(query.get("page")) || 1);
  const prefix = `${p.owner!}/${p.repo!}#`;
  const onHead = (pull: Pull) =>
    !headRef || (pull.head.repo.owner.login.toLowerCase() === headOwner!.toLowerCase() && pull.head.ref === headRef);
  const matching = [...c.pulls.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .map(([, pull]) => pull)
    .filter((pull) => (state === "all" || pull.state === state) && onHead(pull))
    .sort((a, b) => b.number - a.number);
  return ok(matching.slice((page - 1) * perPage, page * perPage));
}

function addLabels(c: RouteContext, p: Record<string, string>): Reply | undefined {
  return withPull(c, p, (pull) => {
    const labels = (c.body as { labels?: unknown } | null)?.labels;
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === "string")) {
      return validationFailed([{ resource: "Label", field: "labels", code: "invalid" }]);
    }
    // GitHub refuses label names over 50 characters.
    if (labels.some((l: string) => l.length === 0 || l.length > 50))
      return validationFailed([{ resource: "Label", field: "name", code: "invalid" }]);
    const names = new Set(pull.labels.map((l) => l.name));
    pull.labels = [...pull.labels, ...labels.filter((l: string) => !names.has(l)).map(labelJson)];
    return ok(pull.labels);
  });
}

function withPull(c: RouteContext, p: Record<string, string>, then: (pull: Pull) => Reply): Reply | undefined {
  const pull = c.pulls.get(pullKey(p.owner!, p.repo!, Number(p.number)));
  return pull ? then(pull) : undefined;
}

const ok = (body: unknown): Reply => ({ status: 200, body });

async function compare(c: RouteContext, p: Record<string, string>): Promise<Reply | undefined> {
  const body = await compareJson(c, p.owner!, p.repo!, p.base!, p.head!);
  return body === undefined ? undefined : ok(body);
}

async function commitWithFiles(c: RouteContext, p: Record<string, string>): Promise<Reply | undefined> {
  const body = await commitFilesJson(c, p.owner!, p.repo!, p.ref!);
  return body === undefined ? undefined : ok(body);
}

/** GitHub's 422 for a reviewer who cannot review (here: the PR's author, or a login with "-nobody-"). */
function requestReviewers(c: RouteContext, p: Record<string, string>): Reply | undefined {
  return withPull(c, p, (pull) => {
    const input = (c.body ?? {}) as { reviewers?: unknown; team_reviewers?: unknown };
    const users = Array.isArray(input.reviewers) ? input.reviewers.map(String) : [];
    const teams = Array.isArray(input.team_reviewers) ? input.team_reviewers.map(String) : [];
    if (users.some((u) => u === pull.user.login || u.includes("-nobody-")))
      return validationFailed([
        { resource: "PullRequest", code: "custom", message: "Reviews may only be requested from collaborators." },
      ]);
    pull.requested_reviewers = [...pull.requested_reviewers, ...users.map((login) => ({ login }))];
    pull.requested_teams = [...pull.requested_teams, ...teams.map((slug) => ({ slug }))];
    return { status: 201, body: pull };
  });
}

/** A file of the repository at `?ref=` (default: main), base64 as GitHub sends it. */
async function fileContents(c: RouteContext, p: Record<string, string>): Promise<Reply | undefined> {
  const ref = new URL(c.path, "http://double").searchParams.get("ref") ?? "main";
  if (!/^\w[\w./-]*$/.test(ref) || p.path!.includes("..")) return undefined;
  const text = await c.git(p.owner!, p.repo!, ["show", `${ref}:${p.path!}`]);
  if (text === undefined || text === null) return undefined;
  const content = Buffer.from(text).toString("base64");
  return ok({ type: "file", encoding: "base64", path: p.path, name: p.path!.split("/").at(-1), content });
}

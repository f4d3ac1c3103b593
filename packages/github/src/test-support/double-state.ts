/** A pull request as GitHub's REST API returns it (the fields Suture and its tests read). */
export interface Pull {
  url: string;
  id: number;
  html_url: string;
  number: number;
  state: "open" | "closed";
  title: string;
  body: string | null;
  user: { login: string };
  labels: DoubleLabel[];
  requested_reviewers: { login: string }[];
  requested_teams: { slug: string }[];
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  head: { label: string; ref: string; sha: string; repo: RepoJson };
  base: { label: string; ref: string; repo: RepoJson };
}

export type PullPatch = Partial<Omit<Pull, "head" | "base">> & {
  head?: Partial<Pull["head"]>;
  base?: Partial<Pull["base"]>;
};

export interface DoubleLabel {
  id: number;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

export interface RepoJson {
  name: string;
  full_name: string;
  owner: { login: string };
}

export const pullKey = (owner: string, repo: string, number: number): string => `${owner}/${repo}#${number}`;

const DOCS = "https://docs.github.com/rest";

export const notFound = { status: 404, body: { message: "Not Found", documentation_url: DOCS, status: "404" } };
export const badCredentials = {
  status: 401,
  body: { message: "Bad credentials", documentation_url: DOCS, status: "401" },
};

export function validationFailed(errors: Record<string, string>[]): { status: number; body: unknown } {
  return { status: 422, body: { message: "Validation Failed", errors, documentation_url: DOCS, status: "422" } };
}

/** A new pull request the way GitHub would return it after creating it. */
export function makePull(
  apiUrl: string,
  owner: string,
  repo: string,
  number: number,
  head: { ref: string; sha: string },
  base: string,
): Pull {
  const repository: RepoJson = { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner } };
  return {
    url: `${apiUrl}/repos/${owner}/${repo}/pulls/${number}`,
    id: 1_000_000 + number,
    html_url: `${apiUrl}/${owner}/${repo}/pull/${number}`,
    number,
    state: "open",
    title: `Pull request ${number}`,
    body: null,
    user: { login: "suture-bot" },
    labels: [],
    requested_reviewers: [],
    requested_teams: [],
    draft: false,
    merged: false,
    merged_at: null,
    head: { label: `${owner}:${head.ref}`, ref: head.ref, sha: head.sha, repo: repository },
    base: { label: `${owner}:${base}`, ref: base, repo: repository },
  };
}

/** A patch applied as GitHub would: a merged PR is closed and has a merge time. */
export function patchPull(pull: Pull, patch: PullPatch): Pull {
  const next: Pull = {
    ...pull,
    ...patch,
    head: { ...pull.head, ...patch.head },
    base: { ...pull.base, ...patch.base },
  };
  if (patch.head?.ref && !patch.head.label) next.head.label = `${next.head.repo.owner.login}:${patch.head.ref}`;
  if (next.merged) {
    next.state = "closed";
    next.merged_at ??= new Date().toISOString();
  }
  return next;
}

export function labelJson(name: string): DoubleLabel {
  return { id: hash(name), name, color: "ededed", default: false, description: null };
}

function hash(text: string): number {
  let h = 7;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) % 1_000_000_007;
  return h;
}

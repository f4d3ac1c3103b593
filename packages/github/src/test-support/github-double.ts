import { execFile } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import type { DoubleChecks, DoubleReview } from "./double-checks.ts";
import { type Pull, type PullPatch, badCredentials, makePull, notFound, patchPull, pullKey } from "./double-state.ts";
import { type Reply, route } from "./double-routes.ts";

const run = promisify(execFile);

export interface DoubleRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

export interface GithubDouble {
  /** Base URL to hand to Octokit (`baseUrl`) or GITHUB_API_URL. */
  url: string;
  requests: DoubleRequest[];
  /** "owner/name" → a bare git repository; add entries to serve more repositories. */
  repositories: Record<string, string>;
  /** Pull requests as GitHub returns them, by "owner/name#number". */
  pulls: Map<string, Pull>;
  /** Creates or changes a pull request, as a person on GitHub would (merged implies closed). */
  setPull(owner: string, repo: string, number: number, patch?: PullPatch): Pull;
  /** The reviews submitted on a pull request, oldest first. */
  setReviews(owner: string, repo: string, number: number, reviews: DoubleReview[]): void;
  /** The check runs and commit statuses reported for a commit. */
  setChecks(sha: string, checks: DoubleChecks): void;
  close(): Promise<void>;
}

export interface GithubDoubleOptions {
  /**
   * "owner/name" → a bare git repository: its branches back the double's pull requests, its
   * commits the compare and commit endpoints. Entries may be added after the start.
   */
  repositories?: Record<string, string>;
  /** The port to listen on (127.0.0.1); any free one by default. */
  port?: number;
}

/**
 * A stand-in for GitHub's REST API on 127.0.0.1: the endpoints Suture calls, answered the
 * way GitHub answers them (shapes, status codes, validation errors), over real HTTP.
 */
export async function startGithubDouble(opts: GithubDoubleOptions = {}): Promise<GithubDouble> {
  const repositories = opts.repositories ?? {};
  const requests: DoubleRequest[] = [];
  const pulls = new Map<string, Pull>();
  const reviews = new Map<string, DoubleReview[]>();
  const checks = new Map<string, DoubleChecks>();
  let url = "";
  let nextCheckRunId = 4_000;

  /** git's output in the repository's bare clone; null when git fails, undefined for an unknown repository. */
  const git = async (owner: string, repo: string, args: string[]): Promise<string | null | undefined> => {
    const gitDir = repositories[`${owner}/${repo}`];
    if (!gitDir) return undefined;
    try {
      const { stdout } = await run("git", ["--git-dir", gitDir, ...args]);
      return stdout;
    } catch {
      return null;
    }
  };
  const resolveBranch = async (owner: string, repo: string, branch: string): Promise<string | null | undefined> => {
    const out = await git(owner, repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`]);
    return out === undefined ? undefined : out?.trim() || null;
  };

  const server = createServer((req, res) => {
    void handle(req).then(
      (reply) => {
        res.writeHead(reply.status, {
          "content-type": "application/json; charset=utf-8",
          "x-github-request-id": `DOUBLE:${requests.length}`,
        });
        res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ message: `double failed: ${(error as Error).message}` }));
      },
    );
  });

  async function handle(req: IncomingMessage): Promise<Reply> {
    const text = await readText(req);
    const path = req.url ?? "/";
    const authorization = req.headers.authorization ?? null;
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        requests.push({ method: req.method ?? "GET", path, body: text, authorization });
        return { status: 400, body: { message: "Problems parsing JSON" } };
      }
    }
    requests.push({ method: req.method ?? "GET", path, body, authorization });
    if (!authorization || !/^(token|bearer) \S+$/i.test(authorization)) return badCredentials;
    return (
      (await route({ method: req.method ?? "GET", path, body, url, pulls, reviews, checks, resolveBranch, git })) ??
      notFound
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    repositories,
    pulls,
    setPull(owner, repo, number, patch = {}) {
      const key = pullKey(owner, repo, number);
      const current =
        pulls.get(key) ?? makePull(url, owner, repo, number, { ref: `branch-${number}`, sha: "0".repeat(40) }, "main");
      const next = patchPull(current, patch);
      pulls.set(key, next);
      return next;
    },
    setReviews(owner, repo, number, list) {
      reviews.set(pullKey(owner, repo, number), list);
    },
    setChecks(sha, value) {
      const checkRuns = value.checkRuns?.map((run) => ({ ...run, id: run.id ?? nextCheckRunId++ }));
      checks.set(sha, { ...value, ...(checkRuns ? { checkRuns } : {}) });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

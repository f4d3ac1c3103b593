import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed JSON, the raw text when it is not JSON, or null without a body. */
  body: unknown;
}

/** A request with what `requests` leaves out: its query and the token it carried. */
export interface RecordedCall {
  method: string;
  path: string;
  /** The query string's parameters (the last value of a repeated one). */
  query: Record<string, string>;
  /** The bearer token the request carried, or null. */
  token: string | null;
}

export interface SentryDoubleOptions {
  /** The bearer token it accepts; random by default. */
  token?: string;
  /** When set, any other issue id answers 404 (ids given to `setEvent` are known too). */
  knownIssues?: string[];
  /** False: `…/events/recommended/` answers 404, as on a Sentry older than that endpoint. */
  recommended?: boolean;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
  /** More tokens it accepts, each for one organization only (403 on another's paths). */
  orgTokens?: Record<string, string>;
  /** Issues a page of the organization issue list holds (100 by default). */
  pageSize?: number;
}

export interface SentryDouble {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** The same requests, with their query and token. */
  calls: RecordedCall[];
  /** The event JSON (REST shape) served for this issue instead of the recorded example. */
  setEvent(issueId: string, json: unknown): void;
  /** The `run_id` the next Autofix starts answer with, instead of the recorded 12345. */
  setAutofixRunId(runId: number): void;
  /** Autofix starts answer this status and body (a string is sent as text) until cleared with null. */
  setAutofixFailure(failure: { status: number; body: unknown } | null): void;
  /** What `…/releases/<version>/deploys/` and `…/commits/` answer for this release (else 404, as for an unknown one). */
  setRelease(version: string, release: { deploys: unknown[]; commits: unknown[] }): void;
  /**
   * The issues `GET /api/0/organizations/{org}/issues/` lists for an organization: each entry
   * is laid over the recorded issue example, so `{id, status, lastSeen}` is enough.
   */
  setIssues(org: string, issues: Record<string, unknown>[]): void;
  /** The next issue-list requests answer 429 with this `Retry-After`, once per call. */
  rateLimitNext(retryAfterSeconds: number): void;
  close(): Promise<void>;
}

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/api/${name}.response.json`, import.meta.url), "utf8"));

const ISSUE = /^\/api\/0\/organizations\/[^/]+\/issues\/([^/]+)\/(?:(events\/[^/]+|comments|autofix)\/)?$/;
const RELEASE = /^\/api\/0\/organizations\/[^/]+\/releases\/([^/]+)\/(deploys|commits)\/$/;
const EXTERNAL_ISSUES = /^\/api\/0\/sentry-app-installations\/[^/]+\/external-issues\/$/;
const ISSUE_LIST = /^\/api\/0\/organizations\/([^/]+)\/issues\/$/;
const ORG_PATH = /^\/api\/0\/organizations\/([^/]+)\//;

type Answer = [number, unknown, Record<string, string>?];

/** A Sentry REST API on 127.0.0.1 answering with the recorded examples from `fixtures/api/`. */
export async function startSentryDouble(options: SentryDoubleOptions = {}): Promise<SentryDouble> {
  const token = options.token ?? `sntrys_double_${randomBytes(12).toString("hex")}`;
  const requests: RecordedRequest[] = [];
  const calls: RecordedCall[] = [];
  const events = new Map<string, unknown>();
  let comments = 0;
  let autofixRunId: number | null = null;
  let autofixFailure: { status: number; body: unknown } | null = null;
  const releases = new Map<string, { deploys: unknown[]; commits: unknown[] }>();
  const issueLists = new Map<string, Record<string, unknown>[]>();
  let rateLimited: number[] = [];

  const known = (issueId: string) =>
    !options.knownIssues || options.knownIssues.includes(issueId) || events.has(issueId);

  function listIssues(url: URL, org: string): Answer {
    const waiting = rateLimited.shift();
    if (waiting !== undefined) return [429, { detail: "Rate limit exceeded" }, { "Retry-After": String(waiting) }];
    const start = Date.parse(url.searchParams.get("start") ?? "") || -Infinity;
    const end = Date.parse(url.searchParams.get("end") ?? "") || Infinity;
    const seen = (issue: Record<string, unknown>) => Date.parse(String(issue.lastSeen));
    const issues = (issueLists.get(org) ?? [])
      .map((issue) => ({ ...fixture("issue.get"), ...issue }))
      .filter((issue) => seen(issue) >= start && seen(issue) <= end)
      .sort((a, b) => seen(b) - seen(a));
    const size = options.pageSize ?? 100;
    const offset = Number(/^0:(\d+):0$/.exec(url.searchParams.get("cursor") ?? "")?.[1] ?? 0);
    const more = offset + size < issues.length;
    const base = `${url.origin}${url.pathname}`;
    const link =
      `<${base}?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ` +
      `<${base}?cursor=0:${offset + size}:0>; rel="next"; results="${more}"; cursor="0:${offset + size}:0"`;
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    const limits = { "X-Sentry-Rate-Limit-Remaining": "39", "X-Sentry-Rate-Limit-Reset": reset };
    return [200, issues.slice(offset, offset + size), { Link: link, ...limits }];
  }

  function route(method: string, url: URL, body: unknown): Answer {
    const path = url.pathname;
    const list = ISSUE_LIST.exec(path);
    if (list && method === "GET") return listIssues(url, decodeURIComponent(list[1]!));
    const release = RELEASE.exec(path);
    if (release && method === "GET") {
      const found = releases.get(decodeURIComponent(release[1]!));
      return found ? [200, release[2] === "deploys" ? found.deploys : found.commits] : notFound;
    }
    const external = EXTERNAL_ISSUES.exec(path);
    if (external && method === "POST") {
      const link = (body ?? {}) as Record<string, unknown>;
      const created = fixture("sentry_app_installation.external_issue.create");
      return [
        201,
        {
          ...created,
          issueId: String(link.issueId),
          webUrl: link.webUrl,
          displayName: `${String(link.project)}#${String(link.identifier)}`,
        },
      ];
    }
    const match = ISSUE.exec(path);
    if (!match || !known(decodeURIComponent(match[1]!))) return notFound;
    const issueId = decodeURIComponent(match[1]!);
    const sub = match[2];
    if (sub === undefined && method === "GET") return [200, { ...fixture("issue.get"), id: issueId }];
    if (sub === undefined && method === "PUT") return [200, { ...(body as object) }];
    if (sub?.startsWith("events/") && method === "GET") {
      if (sub === "events/recommended" && options.recommended === false) return notFound;
      return [200, events.get(issueId) ?? fixture("issue.event.get")];
    }
    if (sub === "comments" && method === "POST") {
      return [
        201,
        {
          id: String(++comments),
          type: "note",
          data: { text: (body as { text?: unknown })?.text },
          dateCreated: new Date().toISOString(),
        },
      ];
    }
    if (sub === "autofix" && method === "POST" && autofixFailure) return [autofixFailure.status, autofixFailure.body];
    if (sub === "autofix" && method === "POST") {
      const started = fixture("issue.autofix.start");
      return [202, autofixRunId === null ? started : { ...started, run_id: autofixRunId }];
    }
    if (sub === "autofix" && method === "GET") return [200, fixture("issue.autofix.get")];
    return notFound;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "double"}`);
    const text = await readBody(req);
    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? null;
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? "GET", path: url.pathname, body: parseBody(text) });
    calls.push({ method: req.method ?? "GET", path: url.pathname, query, token: presented });
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const [status, json, headers] =
      authorize(presented, url.pathname) ?? route(req.method ?? "GET", url, parseBody(text));
    // The client may have given up (timeout) and the double may be closing: nothing to answer.
    // A string body is sent as it is (a proxy's or an old Sentry's text answer).
    const out = typeof json === "string" ? json : JSON.stringify(json);
    if (!res.destroyed) res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(out);
  }

  /** Null when the token may make the request; else the answer. */
  function authorize(presented: string | null, path: string): Answer | null {
    if (presented === token) return null;
    const org = presented === null ? undefined : options.orgTokens?.[presented];
    if (org === undefined) return [401, { detail: "Invalid token" }];
    const target = ORG_PATH.exec(path)?.[1];
    return target === undefined || decodeURIComponent(target) === org
      ? null
      : [403, { detail: "You do not have permission to perform this action." }];
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => res.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    requests,
    calls,
    setEvent: (issueId, json) => void events.set(issueId, json),
    setAutofixRunId: (runId) => void (autofixRunId = runId),
    setAutofixFailure: (failure) => void (autofixFailure = failure),
    setRelease: (version, release) => void releases.set(version, release),
    setIssues: (org, issues) => void issueLists.set(org, issues),
    rateLimitNext: (seconds) => void (rateLimited = [...rateLimited, seconds]),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const notFound: Answer = [404, { detail: "The requested resource does not exist" }];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

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

export interface SentryDoubleOptions {
  /** The bearer token it accepts; random by default. */
  token?: string;
  /** When set, any other issue id answers 404 (ids given to `setEvent` are known too). */
  knownIssues?: string[];
  /** False: `…/events/recommended/` answers 404, as on a Sentry older than that endpoint. */
  recommended?: boolean;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface SentryDouble {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** The event JSON (REST shape) served for this issue instead of the recorded example. */
  setEvent(issueId: string, json: unknown): void;
  /** The `run_id` the next Autofix starts answer with, instead of the recorded 12345. */
  setAutofixRunId(runId: number): void;
  /** Autofix starts answer this status and body (a string is sent as text) until cleared with null. */
  setAutofixFailure(failure: { status: number; body: unknown } | null): void;
  /** What `…/releases/<version>/deploys/` and `…/commits/` answer for this release (else 404, as for an unknown one). */
  setRelease(version: string, release: { deploys: unknown[]; commits: unknown[] }): void;
  close(): Promise<void>;
}

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/api/${name}.response.json`, import.meta.url), "utf8"));

const ISSUE = /^\/api\/0\/organizations\/[^/]+\/issues\/([^/]+)\/(?:(events\/[^/]+|comments|autofix)\/)?$/;
const RELEASE = /^\/api\/0\/organizations\/[^/]+\/releases\/([^/]+)\/(deploys|commits)\/$/;
const EXTERNAL_ISSUES = /^\/api\/0\/sentry-app-installations\/[^/]+\/external-issues\/$/;

/** A Sentry REST API on 127.0.0.1 answering with the recorded examples from `fixtures/api/`. */
export async function startSentryDouble(options: SentryDoubleOptions = {}): Promise<SentryDouble> {
  const token = options.token ?? `sntrys_double_${randomBytes(12).toString("hex")}`;
  const requests: RecordedRequest[] = [];
  const events = new Map<string, unknown>();
  let comments = 0;
  let autofixRunId: number | null = null;
  let autofixFailure: { status: number; body: unknown } | null = null;
  const releases = new Map<string, { deploys: unknown[]; commits: unknown[] }>();

  const known = (issueId: string) =>
    !options.knownIssues || options.knownIssues.includes(issueId) || events.has(issueId);

  function route(method: string, path: string, body: unknown): [number, unknown] {
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
    const path = new URL(req.url ?? "/", "http://double").pathname;
    const text = await readBody(req);
    requests.push({ method: req.method ?? "GET", path, body: parseBody(text) });
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const [status, json] =
      req.headers.authorization === `Bearer ${token}`
        ? route(req.method ?? "GET", path, parseBody(text))
        : [401, { detail: "Invalid token" }];
    // The client may have given up (timeout) and the double may be closing: nothing to answer.
    // A string body is sent as it is (a proxy's or an old Sentry's text answer).
    const out = typeof json === "string" ? json : JSON.stringify(json);
    if (!res.destroyed) res.writeHead(status, { "Content-Type": "application/json" }).end(out);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => res.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    requests,
    setEvent: (issueId, json) => void events.set(issueId, json),
    setAutofixRunId: (runId) => void (autofixRunId = runId),
    setAutofixFailure: (failure) => void (autofixFailure = failure),
    setRelease: (version, release) => void releases.set(version, release),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const notFound: [number, unknown] = [404, { detail: "The requested resource does not exist" }];

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

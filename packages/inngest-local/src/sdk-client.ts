import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Semaphore } from "./semaphore.ts";
import { canonicalJson, signatureHeader } from "./signing.ts";

export interface SdkResponse {
  status: number;
  header: (name: string) => string | undefined;
  /** Parsed JSON when the body is JSON, else the raw text. */
  body: unknown;
}

/** Talks to the app's serve endpoint the way the Inngest server does. */
export class SdkClient {
  // One controller per request: undici only drops its listener on a caller's signal when the
  // Request is garbage collected, so a shared long-lived signal piles up listeners (O(n) adds).
  private readonly inflight = new Set<AbortController>();
  private closed = false;
  private readonly slots: Semaphore;

  /**
   * `maxConcurrent` bounds requests in flight, like the Inngest server's fixed worker pool:
   * a burst of events otherwise opens one socket per run and overwhelms the app.
   */
  constructor(
    private readonly signingKey: string | undefined,
    maxConcurrent: number,
  ) {
    this.slots = new Semaphore(maxConcurrent);
    this.agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  }

  // node:http rather than fetch: fetch gives up on a response after 300 s (undici's headers
  // timeout), and a step may legitimately run for many minutes (a coding agent, say).
  private readonly agents: { http: HttpAgent; https: HttpsAgent };

  async post(url: string, payload: unknown): Promise<SdkResponse> {
    // Unsigned bodies skip canonical ordering: it costs a sort per object per call.
    const body = this.signingKey ? canonicalJson(payload) : JSON.stringify(payload);
    return this.request("POST", url, body);
  }

  async put(url: string): Promise<SdkResponse> {
    return this.request("PUT", url, "");
  }

  /** Abort every request in flight; used by `stop()`. */
  close(): void {
    this.closed = true;
    for (const controller of this.inflight) controller.abort(new Error("executor stopped"));
    this.inflight.clear();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private send(
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<{ status: number; header: (name: string) => string | undefined; text: string }> {
    const secure = url.startsWith("https:");
    const request = secure ? httpsRequest : httpRequest;
    const agent = secure ? this.agents.https : this.agents.http;
    const length = body ? { "content-length": String(Buffer.byteLength(body)) } : {};
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method, headers: { ...headers, ...length }, agent, signal },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const header = (name: string) => {
              const value = res.headers[name.toLowerCase()];
              return Array.isArray(value) ? value.join(", ") : value;
            };
            resolve({ status: res.statusCode ?? 0, header, text: Buffer.concat(chunks).toString("utf8") });
          });
        },
      );
      req.on("error", reject);
      req.end(body || undefined);
    });
  }

  private async request(method: string, url: string, body: string): Promise<SdkResponse> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "suture-inngest-local",
      "x-inngest-server-kind": this.signingKey ? "cloud" : "dev",
    };
    return this.slots.run(async () => {
      if (this.closed) throw new Error("executor stopped");
      // Signed at send time: a request queued behind the semaphore must not carry a stale timestamp.
      if (this.signingKey) headers["x-inngest-signature"] = signatureHeader(body, this.signingKey);
      const controller = new AbortController();
      this.inflight.add(controller);
      try {
        const res = await this.send(url, method, headers, body, controller.signal);
        if (res.status === 201) return unwrapStream(res.text);
        return { status: res.status, header: res.header, body: parseBody(res.text) };
      } finally {
        this.inflight.delete(controller);
      }
    });
  }
}

/**
 * With INNGEST_STREAMING the SDK answers 201 at once, sends whitespace heartbeats, then
 * the real `{status, headers, body}` envelope as the last JSON value.
 */
function unwrapStream(text: string): SdkResponse {
  const envelope = parseBody(text.trim());
  if (!envelope || typeof envelope !== "object" || typeof (envelope as { status?: unknown }).status !== "number") {
    return {
      status: 500,
      header: () => undefined,
      body: { name: "Error", message: `malformed streamed response: ${text.slice(0, 200)}` },
    };
  }
  const { status, headers, body } = envelope as { status: number; headers?: Record<string, string>; body?: unknown };
  const lower = new Map(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return {
    status,
    header: (name) => lower.get(name.toLowerCase()),
    body: typeof body === "string" ? parseBody(body) : body,
  };
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

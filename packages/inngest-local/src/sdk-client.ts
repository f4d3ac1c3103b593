import { Semaphore } from "./semaphore.ts";
import { canonicalJson, signatureHeader } from "./signing.ts";

export interface SdkResponse {
  status: number;
  header(name: string): string | undefined;
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
  }

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
        const res = await fetch(url, { method, headers, body: body || undefined, signal: controller.signal });
        const text = await res.text();
        if (res.status === 201) return unwrapStream(text);
        return { status: res.status, header: (name: string) => res.headers.get(name) ?? undefined, body: parseBody(text) };
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
    return { status: 500, header: () => undefined, body: { name: "Error", message: `malformed streamed response: ${text.slice(0, 200)}` } };
  }
  const { status, headers, body } = envelope as { status: number; headers?: Record<string, string>; body?: unknown };
  const lower = new Map(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status, header: (name) => lower.get(name.toLowerCase()), body: typeof body === "string" ? parseBody(body) : body };
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

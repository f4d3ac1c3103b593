import { canonicalJson, signatureHeader } from "./signing.ts";

export interface SdkResponse {
  status: number;
  header(name: string): string | undefined;
  /** Parsed JSON when the body is JSON, else the raw text. */
  body: unknown;
}

/** Talks to the app's serve endpoint the way the Inngest server does. */
export class SdkClient {
  private readonly abort = new AbortController();

  constructor(private readonly signingKey: string | undefined) {}

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
    this.abort.abort(new Error("executor stopped"));
  }

  private async request(method: string, url: string, body: string): Promise<SdkResponse> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "suture-inngest-local",
      "x-inngest-server-kind": this.signingKey ? "cloud" : "dev",
    };
    if (this.signingKey) headers["x-inngest-signature"] = signatureHeader(body, this.signingKey);
    const res = await fetch(url, { method, headers, body: body || undefined, signal: this.abort.signal });
    const text = await res.text();
    if (res.status === 201) return unwrapStream(text);
    return { status: res.status, header: (name) => res.headers.get(name) ?? undefined, body: parseBody(text) };
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

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface HttpReply {
  status: number;
  body: unknown;
}

export interface HttpHandlers {
  /** Whether a POST /fn/register with this `Authorization` header may register functions. */
  mayRegister(authorization: string | undefined): boolean;
  /** Whether POST /e/:key with this (decoded) key may send events. */
  maySend(eventKey: string): boolean;
  /** POST /fn/register: the SDK's function configs after our PUT. */
  register(body: unknown): HttpReply;
  /** POST /e/:key: events from `inngest.send()` / `step.sendEvent()`. */
  events(body: unknown, seed: string | undefined): HttpReply;
  /** GET /: a small status document, handy when debugging. */
  info(): unknown;
}

/** The slice of the Inngest server API the SDK calls. */
export function createHttpServer(handlers: HttpHandlers, onError: (err: unknown) => void): Server {
  const server = createServer((req, res) => {
    handle(handlers, req, res).catch((err: unknown) => {
      onError(err);
      if (!res.headersSent)
        reply(res, { status: 500, body: { status: 500, error: err instanceof Error ? err.message : String(err) } });
    });
  });
  // Outlive undici's 4s client-side idle timeout so the SDK's fetch never reuses a socket we just closed.
  server.keepAliveTimeout = 30_000;
  return server;
}

async function handle(handlers: HttpHandlers, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
  if (req.method === "GET" && (path === "" || path === "/health")) {
    return reply(res, { status: 200, body: handlers.info() });
  }
  if (req.method !== "POST") return reply(res, { status: 405, body: { status: 405, error: "method not allowed" } });
  const register = path === "/fn/register";
  const eventKey = /^\/e\/([^/]+)$/.exec(path)?.[1];
  if (!register && eventKey === undefined) {
    return reply(res, {
      status: 404,
      body: { status: 404, error: `inngest-local does not implement ${req.method} ${path}` },
    });
  }
  // Checked before the body is read: an unauthorized caller gets nothing parsed or queued.
  const authorized = register
    ? handlers.mayRegister(req.headers.authorization)
    : handlers.maySend(decodeKey(eventKey ?? ""));
  if (!authorized) {
    return reply(res, {
      status: 401,
      body: { status: 401, error: register ? "missing or wrong signing key" : "event key not found" },
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (err) {
    return reply(res, { status: 400, body: { status: 400, error: `invalid JSON body: ${(err as Error).message}` } });
  }
  if (register) return reply(res, handlers.register(body));
  const seed = req.headers["x-inngest-event-id-seed"];
  return reply(res, handlers.events(body, Array.isArray(seed) ? seed[0] : seed));
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, { status, body }: HttpReply): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

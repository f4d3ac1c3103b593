import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * An HTTP server on an ephemeral port whose handler is bound later, so the executor
 * (which needs the app's URL) and the SDK client (which needs the executor's URL) can
 * be created in either order.
 */
export async function startHttpApp(): Promise<{
  url: string;
  setHandler(h: Handler): void;
  close(): Promise<void>;
  server: Server;
}> {
  let handler: Handler | undefined;
  const server = createServer((req, res) => {
    if (!handler) {
      res.writeHead(503).end("not ready");
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      console.error("test app: handler failed", err);
      if (!res.headersSent) res.writeHead(500).end("handler failed");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/inngest`,
    server,
    setHandler: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => resolve(text ? (JSON.parse(text) as unknown) : null));
    req.on("error", reject);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `check` until it returns a value, or fail after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export const quietLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

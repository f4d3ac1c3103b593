// What the tests that drive the real functions over HTTP share: a loopback server for a handler,
// and the embedded executor pointed at it.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createExecutor, type Executor } from "@suture/inngest-local";

export interface Listening {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** Serves `handler` on a free loopback port until `close()`, which also drops kept-alive connections. */
export async function listen(handler: RequestListener): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The embedded executor driving `serveUrl`, started and synced: quick retries, no cron. */
export async function startExecutor(
  serveUrl: string,
  keys: { signingKey: string; eventKey: string },
): Promise<Executor> {
  const executor = createExecutor({
    serveUrl,
    ...keys,
    port: Number(process.env.SUTURE_EXECUTOR_PORT),
    retryBackoffMs: () => 20,
    cron: false,
  });
  await executor.start();
  await executor.sync();
  return executor;
}

// The dashboard's pages as a browser gets them: `next start` on the benchmark's database, a
// signed-in session, and the full server rendering of each page, timed over HTTP.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startNext } from "./next-server.ts";

const PORT = 3461;
const EMAIL = "bench-reader@example.com";
const PASSWORD = "bench-reader-password";

export interface HttpPage {
  name: string;
  /** A path on the server, e.g. `/acme/issues?q=…`. */
  path: (i: number) => string;
}

/** Starts the server, signs a member in, and hands back a fetch of a page with that session. */
export async function startDashboardServer(
  root: string,
  env: { databaseUrl: string; authSecret: string },
  addMember: (email: string, password: string) => Promise<void>,
) {
  if (!existsSync(join(root, "apps/web/.next/BUILD_ID"))) {
    console.log("building the web app (next build)…");
    execFileSync("pnpm", ["build"], { cwd: root, stdio: "inherit" });
  }
  await addMember(EMAIL, PASSWORD);
  const server = await startNext(join(root, "apps/web"), PORT, {
    DATABASE_URL: env.databaseUrl,
    SUTURE_AUTH_SECRET: env.authSecret,
    SENTRY_CLIENT_SECRET: "0".repeat(64),
    SUTURE_EXECUTOR_PORT: String(PORT + 1),
  });
  const base = `http://127.0.0.1:${PORT}`;
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!signIn.ok || !cookie) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  return {
    stop: server.stop,
    /** One page, rendered in full; anything but a 200 with a body is a failed benchmark. */
    get: async (path: string): Promise<void> => {
      const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
      const html = await response.text();
      if (response.status !== 200 || html.length < 1000) {
        throw new Error(`GET ${path} answered ${response.status} (${html.length} bytes)`);
      }
    },
  };
}

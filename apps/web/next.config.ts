import type { NextConfig } from "next";
import "./src/env.ts";

const config: NextConfig = {
  // A second build beside the usual one, e.g. for a test server of its own on another port.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@suture/core", "@suture/db", "@suture/sentry", "@suture/inngest-local", "@suture/github"],
  // PGlite loads its WASM and data files relative to its own module; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino", "pino-pretty", "prom-client"],
  poweredByHeader: false,
  // Pages add a content security policy with a nonce (src/proxy.ts); these go on every answer.
  headers: () =>
    Promise.resolve([
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ]),
};

export default config;

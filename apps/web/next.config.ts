import type { NextConfig } from "next";
import "./src/env.ts";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@suture/core", "@suture/db", "@suture/sentry", "@suture/inngest-local", "@suture/github"],
  // PGlite loads its WASM and data files relative to its own module; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
};

export default config;

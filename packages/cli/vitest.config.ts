import { databaseProjects } from "@suture/db/test-setup";
import { defineConfig } from "vitest/config";

// Every test runs the CLI as processes (a few seconds each to start): on a busy machine a test takes minutes.

export default defineConfig({ test: { testTimeout: 180_000, hookTimeout: 120_000, projects: databaseProjects } });

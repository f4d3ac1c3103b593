import { databaseProjects } from "@suture/db/test-setup";
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000, projects: databaseProjects } });

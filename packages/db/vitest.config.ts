import { defineConfig } from "vitest/config";
import { databaseProjects } from "./vitest.projects.ts";

export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000, projects: [...databaseProjects] } });

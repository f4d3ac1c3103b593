import { defineConfig } from "vitest/config";
import { databaseProjects } from "./vitest.projects.js";

export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000, projects: databaseProjects } });

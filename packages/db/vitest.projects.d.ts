import type { TestProjectInlineConfiguration } from "vitest/config";

export declare const databaseProjects: TestProjectInlineConfiguration[];

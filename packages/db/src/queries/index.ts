export * from "./deliveries.ts";
export * from "./workspaces.ts";
export * from "./observations.ts";
export * from "./releases.ts";
export * from "./fixes.ts";
export * from "./seer.ts";
export * from "./dispatch.ts";
export * from "./github.ts";

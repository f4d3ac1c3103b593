export * from "./workspaces.ts";
export * from "./deliveries.ts";
export * from "./observations.ts";
export * from "./releases.ts";
export * from "./fixes.ts";
export * from "./auth.ts";
export * from "./members.ts";

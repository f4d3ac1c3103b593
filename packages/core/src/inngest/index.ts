export { inngest } from "./client.ts";
export { functions } from "./functions/index.ts";
export * from "./events.ts";

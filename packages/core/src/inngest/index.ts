export { inngest, serveOptions } from "./client.ts";
export { embeddedInngestKeys, type InngestKeys } from "../inngest-keys.ts";
export { functions } from "./functions/index.ts";
export * from "./events.ts";

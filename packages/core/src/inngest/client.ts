import { Inngest } from "inngest";
import { embeddedExecutor, executorUrl } from "../config.ts";

/**
 * The one Inngest client. On the embedded defaults it talks to the in-process executor;
 * otherwise the SDK reads INNGEST_DEV or INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY itself.
 */
export const inngest = new Inngest({
  id: "suture",
  ...(embeddedExecutor ? { isDev: true, baseUrl: executorUrl } : {}),
});

import { Inngest } from "inngest";
import { embeddedExecutor, executorUrl, serveEndpoint } from "../config.ts";
import { embeddedInngestKeys } from "../inngest-keys.ts";

const keys = embeddedExecutor ? embeddedInngestKeys() : undefined;

/**
 * The one Inngest client. On the embedded defaults it talks to the in-process executor in cloud
 * mode, with keys of its own (`embeddedInngestKeys`), so /api/inngest answers only calls the
 * executor signed; otherwise the SDK reads INNGEST_DEV or INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY itself.
 */
export const inngest = new Inngest({
  id: "suture",
  ...(keys ? { isDev: false, baseUrl: executorUrl, signingKey: keys.signingKey, eventKey: keys.eventKey } : {}),
});

/**
 * `serve()` options for /api/inngest. The registered URL comes from configuration, so a forged
 * Host header cannot move it; on the embedded executor a sync must be signed as well.
 */
export const serveOptions: { serveOrigin?: string; servePath?: string; enableUnauthedSync?: boolean } = {
  ...serveEndpoint,
  ...(embeddedExecutor ? { enableUnauthedSync: false } : {}),
};

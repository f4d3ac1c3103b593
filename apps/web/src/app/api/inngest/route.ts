// GET|POST|PUT /api/inngest — every Inngest function of the app. The registered URL comes from
// configuration, and on the embedded executor every request must carry its signature.
import { functions, inngest, serveOptions } from "@suture/core/inngest";
import { serve } from "inngest/next";

export const { GET, POST, PUT } = serve({ client: inngest, functions, ...serveOptions });

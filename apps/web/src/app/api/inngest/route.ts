// GET|POST|PUT /api/inngest — every Inngest function of the app, when the web server serves them
// (SUTURE_FUNCTIONS=web); with a worker, 404: the functions are not reachable through the web.
// The registered URL comes from configuration, and on the embedded executor every request must
// carry its signature.
import { functionsIn } from "@suture/core";
import { functions, inngest, serveOptions } from "@suture/core/inngest";
import { serve } from "inngest/next";

const served = serve({ client: inngest, functions, ...serveOptions });
const notHere = () =>
  Response.json({ error: "the Inngest functions are served by the worker, not the web server" }, { status: 404 });

export const GET = functionsIn === "web" ? served.GET : notHere;
export const POST = functionsIn === "web" ? served.POST : notHere;
export const PUT = functionsIn === "web" ? served.PUT : notHere;

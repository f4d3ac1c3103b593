// GET|POST|PUT /api/inngest — every Inngest function of the app
import { functions, inngest } from "@suture/core/inngest";
import { serve } from "inngest/next";

export const { GET, POST, PUT } = serve({ client: inngest, functions });

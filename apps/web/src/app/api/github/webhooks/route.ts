// POST /api/github/webhooks — signed GitHub deliveries
import { after } from "next/server";
import { announceGithubDelivery, MAX_BODY_BYTES, receiveGithubWebhook } from "@suture/core";
import { readBody } from "@/lib/read-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body) return Response.json({ error: `body is larger than ${MAX_BODY_BYTES} bytes` }, { status: 413 });
  const result = await receiveGithubWebhook(body, request.headers).catch((error: unknown) => {
    console.error("[suture] GitHub webhook receive failed", error);
    return { status: "failed" } as const;
  });
  switch (result.status) {
    case "stored":
      // Announce after answering: the delivery is durable, and the reconcile poll covers a lost send.
      if (!result.ignored) after(() => announceGithubDelivery(result.deliveryId));
      return Response.json({ received: true, deliveryId: result.deliveryId, ignored: result.ignored }, { status: 202 });
    case "duplicate":
      return Response.json({ received: true, duplicate: true, deliveryId: result.deliveryId }, { status: 200 });
    case "rejected":
      return Response.json({ error: result.error }, { status: result.code });
    case "unavailable":
      return Response.json({ error: result.error }, { status: 503, headers: { "Retry-After": "30" } });
    case "failed":
      return Response.json({ error: "internal error; the delivery was not stored" }, { status: 500 });
  }
}

// POST /api/sentry/webhooks — signed Sentry deliveries; GET — health of this endpoint
import { after } from "next/server";
import { announceDelivery, MAX_BODY_BYTES, receiveSentryWebhook } from "@suture/core";
import { readBody } from "@/lib/read-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body) return Response.json({ error: `body is larger than ${MAX_BODY_BYTES} bytes` }, { status: 413 });
  const result = await receiveSentryWebhook(body, request.headers).catch((error: unknown) => {
    console.error("[suture] webhook receive failed", error);
    return { status: "failed" } as const;
  });
  switch (result.status) {
    case "stored":
      // Announce after answering: the delivery is durable, and the sweeper covers a lost send.
      if (!result.ignored) after(() => announceDelivery(result.deliveryId));
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

export function GET(): Response {
  return Response.json({ status: "ok", service: "sentry-webhooks" });
}

// POST /api/sentry/webhooks — signed Sentry deliveries; GET — health of this endpoint
import { announceSentryDelivery, receiveSentryWebhook } from "@suture/core";
import { receiveWebhook } from "@/lib/receive-webhook";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return receiveWebhook("sentry", request, receiveSentryWebhook, announceSentryDelivery);
}

export function GET(): Response {
  return Response.json({ status: "ok", service: "sentry-webhooks" });
}

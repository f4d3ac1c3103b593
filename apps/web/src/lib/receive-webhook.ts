import { after } from "next/server";
import { describeReceiveFailure, MAX_BODY_BYTES, type ReceiveResult } from "@suture/core";
import { log, observeWebhook, type WebhookOutcome } from "@suture/core/observability";
import { readBody } from "@/lib/read-body";

/** A webhook's sender, and the headers that name a delivery's resource and request. */
const SOURCES = {
  sentry: { resource: "sentry-hook-resource", request: "request-id" },
  github: { resource: "x-github-event", request: "x-github-delivery" },
} as const;

/**
 * The HTTP side of a webhook route: a capped read of the raw body, one core call to verify and
 * store it, the announcement after the answer (the delivery is durable; the sweeper covers a
 * lost send), and the result as a status code with a JSON body.
 */
export async function receiveWebhook(
  source: keyof typeof SOURCES,
  request: Request,
  receive: (body: Uint8Array, headers: Headers) => Promise<ReceiveResult>,
  announce: (deliveryId: string) => Promise<void>,
): Promise<Response> {
  const started = performance.now();
  const response = await answer(source, request, receive, announce);
  observeWebhook(
    source,
    request.headers.get(SOURCES[source].resource),
    OUTCOMES[response.status] ?? "rejected",
    (performance.now() - started) / 1000,
  );
  return response;
}

const OUTCOMES: Record<number, WebhookOutcome> = {
  202: "stored",
  200: "duplicate",
  413: "too_large",
  503: "unavailable",
  500: "failed",
};

async function answer(
  source: keyof typeof SOURCES,
  request: Request,
  receive: (body: Uint8Array, headers: Headers) => Promise<ReceiveResult>,
  announce: (deliveryId: string) => Promise<void>,
): Promise<Response> {
  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body) return Response.json({ error: `body is larger than ${MAX_BODY_BYTES} bytes` }, { status: 413 });
  const result = await receive(body, request.headers).catch((error: unknown) => {
    // One line naming the delivery and the reason; never the error object, whose message can
    // hold the whole INSERT with the body, the headers and the signature as parameters.
    log.error(
      { path: new URL(request.url).pathname, requestId: request.headers.get(SOURCES[source].request)?.slice(0, 64) },
      describeReceiveFailure(request.headers, error),
    );
    return { status: "failed" } as const;
  });
  switch (result.status) {
    case "stored":
      if (!result.ignored) after(() => announce(result.deliveryId));
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

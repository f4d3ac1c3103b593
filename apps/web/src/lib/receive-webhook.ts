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
  const { response, outcome } = await answer(source, request, receive, announce);
  observeWebhook(source, request.headers.get(SOURCES[source].resource), outcome, (performance.now() - started) / 1000);
  return response;
}

async function answer(
  source: keyof typeof SOURCES,
  request: Request,
  receive: (body: Uint8Array, headers: Headers) => Promise<ReceiveResult>,
  announce: (deliveryId: string) => Promise<void>,
): Promise<{ response: Response; outcome: WebhookOutcome }> {
  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body)
    return {
      response: Response.json({ error: `body is larger than ${MAX_BODY_BYTES} bytes` }, { status: 413 }),
      outcome: "too_large",
    };
  const result = await receive(body, request.headers).catch((error: unknown) => {
    // One line naming the delivery and the reason; never the error object, whose message can
    // hold the whole INSERT with the body, the headers and the signature as parameters.
    log.error(
      { path: new URL(request.url).pathname, requestId: request.headers.get(SOURCES[source].request)?.slice(0, 64) },
      describeReceiveFailure(request.headers, error),
    );
    return { status: "failed" } as const;
  });
  return respond(result, announce);
}

/** What receiving came to, as the HTTP answer and the metric's outcome; a stored delivery is announced after the answer. */
function respond(
  result: ReceiveResult | { status: "failed" },
  announce: (deliveryId: string) => Promise<void>,
): { response: Response; outcome: WebhookOutcome } {
  switch (result.status) {
    case "stored":
      if (!result.ignored) after(() => announce(result.deliveryId));
      return {
        response: Response.json(
          { received: true, deliveryId: result.deliveryId, ignored: result.ignored },
          { status: 202 },
        ),
        outcome: result.ignored ? "ignored" : "stored",
      };
    case "duplicate":
      return {
        response: Response.json({ received: true, duplicate: true, deliveryId: result.deliveryId }, { status: 200 }),
        outcome: "duplicate",
      };
    case "rejected":
      return {
        response: Response.json({ error: result.error }, { status: result.code }),
        outcome: result.code === 413 ? "too_large" : "rejected",
      };
    case "unavailable":
      return {
        response: Response.json({ error: result.error }, { status: 503, headers: { "Retry-After": "30" } }),
        outcome: "unavailable",
      };
    case "failed":
      return {
        response: Response.json({ error: "internal error; the delivery was not stored" }, { status: 500 }),
        outcome: "failed",
      };
  }
}

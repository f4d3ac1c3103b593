import { after } from "next/server";
import { describeReceiveFailure, MAX_BODY_BYTES, type ReceiveResult } from "@suture/core";
import { readBody } from "@/lib/read-body";

/**
 * The HTTP side of a webhook route: a capped read of the raw body, one core call to verify and
 * store it, the announcement after the answer (the delivery is durable; the sweeper covers a
 * lost send), and the result as a status code with a JSON body.
 */
export async function receiveWebhook(
  request: Request,
  receive: (body: Uint8Array, headers: Headers) => Promise<ReceiveResult>,
  announce: (deliveryId: string) => Promise<void>,
): Promise<Response> {
  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body) return Response.json({ error: `body is larger than ${MAX_BODY_BYTES} bytes` }, { status: 413 });
  const result = await receive(body, request.headers).catch((error: unknown) => {
    // One line naming the delivery and the reason; never the error object, whose message can
    // hold the whole INSERT with the body, the headers and the signature as parameters.
    console.error(`[suture] ${new URL(request.url).pathname}: ${describeReceiveFailure(request.headers, error)}`);
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

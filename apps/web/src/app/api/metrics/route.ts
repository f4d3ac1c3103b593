// GET /api/metrics — Prometheus' text format, with `Authorization: Bearer $SUTURE_METRICS_TOKEN`
import { metricsAccess, metricsText, registerDatabaseGauges } from "@suture/core/observability";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled")
    return Response.json({ error: "metrics are off: set SUTURE_METRICS_TOKEN" }, { status: 404 });
  if (access === "denied") {
    return Response.json(
      { error: "send Authorization: Bearer <SUTURE_METRICS_TOKEN>" },
      { status: 401, headers: { "WWW-Authenticate": "Bearer" } },
    );
  }
  registerDatabaseGauges();
  const { contentType, body } = await metricsText();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}

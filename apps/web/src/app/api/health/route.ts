// GET /api/health — 200 once the database answers (and, under `pnpm start`, the worker); 503 until then
import { checkHealth } from "@suture/core";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health.body, { status: health.ready ? 200 : 503 });
}

// GET /api/health — liveness, with no database round trip (the bench's baseline route)
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" });
}

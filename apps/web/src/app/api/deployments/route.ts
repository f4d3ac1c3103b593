// POST /api/deployments — CI records a deployment with a workspace's deploy token
import { MAX_DEPLOYMENT_BYTES, receiveDeployment } from "@suture/core";
import { readBody } from "@/lib/read-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await readBody(request, MAX_DEPLOYMENT_BYTES);
  if (!body) return Response.json({ error: `body is larger than ${MAX_DEPLOYMENT_BYTES} bytes` }, { status: 413 });
  const answer = await receiveDeployment(request.headers.get("authorization"), body);
  return Response.json(answer.body, { status: answer.status });
}

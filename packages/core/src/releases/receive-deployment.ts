import { isDatabaseUnavailable } from "@suture/db";
import { parseBody } from "../ingest/receive-result.ts";
import { log } from "../observability/log.ts";
import { authenticateDeployToken } from "./deploy-tokens.ts";
import { deploymentBody, deploymentBodyError } from "./deployment-input.ts";
import { recordDeployment } from "./record-deployment.ts";

/** A deployment is a few hundred bytes; anything near this is not one. */
export const MAX_DEPLOYMENT_BYTES = 64 * 1024;

export interface DeploymentAnswer {
  status: 200 | 201 | 400 | 401 | 413 | 503;
  body: { id: string; duplicate?: true } | { error: string };
}

/**
 * `POST /api/deployments`: a deploy token names the workspace; the JSON body is checked field by
 * field; a new deployment is 201 `{id}`, a repeat of (environment, release, commit) is 200
 * `{id, duplicate: true}`. Nothing is stored unless everything is valid.
 */
export async function receiveDeployment(authorization: string | null, rawBody: Uint8Array): Promise<DeploymentAnswer> {
  if (rawBody.byteLength > MAX_DEPLOYMENT_BYTES)
    return { status: 413, body: { error: `body is larger than ${MAX_DEPLOYMENT_BYTES} bytes` } };
  try {
    const token = await authenticateDeployToken(authorization);
    if (!token)
      return { status: 401, body: { error: "a valid deploy token is required: Authorization: Bearer sdt_…" } };
    const parsed = parseBody(rawBody);
    if (parsed.status === "rejected") {
      const { result } = parsed;
      return { status: 400, body: { error: result.status === "rejected" ? result.error : "invalid body" } };
    }
    const input = deploymentBody.safeParse(parsed.json);
    if (!input.success) return { status: 400, body: { error: deploymentBodyError(input.error) } };
    const { commit, ...fields } = input.data;
    const { deployment, duplicate } = await recordDeployment({
      workspaceId: token.workspaceId,
      ...fields,
      commitSha: commit ?? null,
      source: "api",
    });
    return duplicate
      ? { status: 200, body: { id: deployment.id, duplicate } }
      : { status: 201, body: { id: deployment.id } };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log.warn({ err: error }, "a deployment was refused: the database is unavailable");
    return { status: 503, body: { error: "database unavailable; the deployment was not stored, retry later" } };
  }
}

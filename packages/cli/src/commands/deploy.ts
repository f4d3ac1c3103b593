import { parseArgs } from "node:util";
import { createDeployToken } from "@suture/core";
import { closeDb } from "@suture/core/database";
import { cliActor } from "../cli-actor.ts";
import { env } from "../env.ts";
import { UsageError } from "./send.ts";

export const DEPLOY_USAGE = `suture deploy --env ENV --release RELEASE [--commit SHA] [--repository owner/name] [--url URL] [--token T] [--status success|failure|in_progress] [--started ISO] [--finished ISO] [--deploy-url URL]

Records a deployment on a Suture server, as a CI step does after it deploys: POST /api/deployments
with the workspace's deploy token (--token or SUTURE_DEPLOY_TOKEN) to --url (or SUTURE_DEPLOY_URL,
the server's address; default http://127.0.0.1:$PORT). Prints the deployment's id.`;

export const DEPLOY_TOKEN_USAGE = `suture deploy-token create <workspace> [--name NAME]

Creates a deploy token for a workspace and prints it once; only its hash is kept. Opens the
database directly (through a running pnpm start's socket on the embedded defaults).`;

export async function deploy(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: "string" },
      token: { type: "string" },
      env: { type: "string" },
      release: { type: "string" },
      commit: { type: "string" },
      repository: { type: "string" },
      status: { type: "string" },
      started: { type: "string" },
      finished: { type: "string" },
      "deploy-url": { type: "string" },
    },
  });
  const token = values.token ?? env.SUTURE_DEPLOY_TOKEN;
  if (!token) throw new UsageError("no deploy token: pass --token or set SUTURE_DEPLOY_TOKEN");
  if (!values.env || !values.release) throw new UsageError("--env and --release are required");
  const server = values.url ?? env.SUTURE_DEPLOY_URL ?? `http://127.0.0.1:${env.PORT}`;
  const body = {
    environment: values.env,
    release: values.release,
    commit: values.commit,
    repository: values.repository,
    url: values["deploy-url"],
    status: values.status,
    startedAt: values.started,
    finishedAt: values.finished,
  };
  const endpoint = new URL("/api/deployments", server);
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  }).catch((error: Error) => error);
  if (response instanceof Error) {
    console.error(`suture deploy: could not reach ${endpoint.origin}: ${response.message}`);
    return 1;
  }
  const answer = (await response.json().catch(() => ({}))) as { id?: string; duplicate?: boolean; error?: string };
  if (!response.ok || !answer.id) {
    console.error(`suture deploy: ${response.status} ${answer.error ?? response.statusText}`);
    return 1;
  }
  console.log(answer.duplicate ? `already recorded: ${answer.id}` : `recorded: ${answer.id}`);
  return 0;
}

export async function deployToken(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" } },
  });
  const [verb, workspace] = positionals;
  if (verb !== "create" || !workspace) throw new UsageError("say create and a workspace slug");
  try {
    const created = await createDeployToken({ workspace, name: values.name }, cliActor());
    if (created.status !== "created") {
      console.error(`suture deploy-token: ${created.error}`);
      return 1;
    }
    console.error(`deploy token for ${workspace} (shown once; keep it in your CI's secrets):`);
    console.log(created.token);
    return 0;
  } finally {
    await closeDb();
  }
}

import { releasesWithoutDeployment, workspaceInstallation } from "@suture/db";
import { sentryApiForInstallation } from "../clients/sentry-api.ts";
import { getDb } from "../database.ts";
import { log } from "../observability/log.ts";
import { recordDeployment } from "./record-deployment.ts";

/** Releases asked about per batch: each costs Sentry two calls. */
const MAX_RELEASES = 20;
/** A release Sentry had no deploy for is not asked about again for this long. */
const ASK_AGAIN_MS = 10 * 60_000;
const asked = new Map<string, number>();

/**
 * Releases first seen in these observations (no deployment records them yet) → the deploys
 * Sentry has of them, as deployments from `sentry`, with the release's newest commit and its
 * repository when Sentry knows them. Asked with the workspace's installation's credentials (else
 * SENTRY_AUTH_TOKEN/SENTRY_ORG); nothing happens without any. A Sentry that fails is logged and
 * the release asked about again later.
 */
export async function recordSentryDeploys(observationIds: string[]): Promise<{ recorded: number }> {
  if (observationIds.length === 0) return { recorded: 0 };
  const db = await getDb();
  const now = Date.now();
  const releases = (await releasesWithoutDeployment(db, { observationIds }))
    .filter(({ workspaceId, release }) => (asked.get(`${workspaceId}\n${release}`) ?? 0) < now - ASK_AGAIN_MS)
    .slice(0, MAX_RELEASES);
  let recorded = 0;
  for (const { workspaceId, release } of releases) {
    const client = sentryApiForInstallation(await workspaceInstallation(db, { workspaceId }));
    if (client.status !== "ok") continue;
    asked.set(`${workspaceId}\n${release}`, now);
    const answer = await client.api.readRelease(release);
    if (answer.status === "failed") {
      if (answer.httpStatus !== 404)
        log.warn({ release, err: answer.error }, "could not read the release's deploys from Sentry");
      continue;
    }
    const { deploys, headCommit } = answer.release;
    for (const deploy of deploys) {
      const result = await recordDeployment({
        workspaceId,
        release,
        environment: deploy.environment,
        commitSha: headCommit?.sha ?? null,
        repository: headCommit?.repository ?? null,
        url: deploy.url,
        source: "sentry",
        startedAt: deploy.startedAt,
        finishedAt: deploy.finishedAt,
      });
      if (!result.duplicate) recorded++;
    }
  }
  return { recorded };
}

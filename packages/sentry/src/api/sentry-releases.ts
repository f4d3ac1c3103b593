import { z } from "zod";
import { type SentryApiOptions, type SentryApiResult, apiPath, sentryRequest } from "./sentry-request.ts";

/** A deploy Sentry recorded for a release (`sentry-cli deploys new`, or its API). */
export interface SentryDeploy {
  environment: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  url: string | null;
}

export interface SentryRelease {
  deploys: SentryDeploy[];
  /** The release's newest commit with its repository (`owner/name`), when Sentry knows them. */
  headCommit: { sha: string; repository: string | null } | null;
}

// Only what Suture reads; anything else Sentry sends passes unchecked, and an entry that does not
// fit is skipped rather than failing the whole answer.
const time = z.iso.datetime({ offset: true }).nullish().catch(null);
const deployJson = z.looseObject({
  environment: z.string().min(1).max(255),
  dateStarted: time,
  dateFinished: time,
  url: z
    .url({ protocol: /^https?$/ })
    .nullish()
    .catch(null),
});
const commitJson = z.looseObject({
  id: z.string().regex(/^[0-9a-f]{40}$/i),
  repository: z
    .looseObject({ name: z.string().regex(/^[\w.-]+\/[\w.-]+$/) })
    .nullish()
    .catch(null),
});

/**
 * A release's deploys and newest commit: `GET …/releases/{version}/deploys/` and `…/commits/`
 * (Sentry lists commits newest first). A release Sentry does not know is a 404 failure.
 */
export async function readSentryRelease(
  options: SentryApiOptions,
  version: string,
): Promise<SentryApiResult<{ release: SentryRelease }>> {
  const base = apiPath`/api/0/organizations/${options.org}/releases/${version}/`;
  const deploys = await sentryRequest(options, "GET", `${base}deploys/`);
  if (deploys.status === "failed") return deploys;
  const commits = await sentryRequest(options, "GET", `${base}commits/`);
  if (commits.status === "failed") return commits;
  const head = entries(commits.json, commitJson)[0];
  return {
    status: "ok",
    release: {
      deploys: entries(deploys.json, deployJson).map((d) => ({
        environment: d.environment,
        startedAt: d.dateStarted ? new Date(d.dateStarted) : null,
        finishedAt: d.dateFinished ? new Date(d.dateFinished) : null,
        url: d.url ?? null,
      })),
      headCommit: head ? { sha: head.id.toLowerCase(), repository: head.repository?.name ?? null } : null,
    },
  };
}

function entries<T extends z.ZodType>(json: unknown, schema: T): z.infer<T>[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

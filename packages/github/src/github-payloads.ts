import { z } from "zod";

// Only the fields Suture reads are declared; everything else GitHub sends passes through.
const sha = z.string().regex(/^[0-9a-f]{40}$/i, "expected a 40-character commit SHA");

export const repository = z.looseObject({
  name: z.string().min(1),
  owner: z.looseObject({ login: z.string().min(1) }),
});

const prRef = z.looseObject({ ref: z.string().min(1), sha });

const pullRequest = z.looseObject({
  number: z.number().int().positive(),
  state: z.enum(["open", "closed"]),
  draft: z.boolean().optional(),
  merged: z.boolean().nullish(),
  merged_at: z.string().nullish(),
  head: prRef,
});

/** Check events name pull requests by number; forks' PRs carry refs of another repository. */
const linkedPulls = z.array(
  z.looseObject({ number: z.number().int().positive(), head: z.looseObject({ ref: z.string() }).optional() }),
);

export const pullRequestEvent = z.looseObject({ action: z.string(), pull_request: pullRequest, repository });

export const pullRequestReviewEvent = z.looseObject({
  action: z.string(),
  review: z.looseObject({ state: z.string().min(1), commit_id: sha.nullish() }),
  pull_request: pullRequest,
  repository,
});

export const checkSuiteEvent = z.looseObject({
  action: z.string(),
  check_suite: z.looseObject({
    head_branch: z.string().nullable(),
    head_sha: sha,
    status: z.string().nullish(),
    conclusion: z.string().nullish(),
    pull_requests: linkedPulls,
  }),
  repository,
});

export const checkRunEvent = z.looseObject({
  action: z.string(),
  check_run: z.looseObject({
    head_sha: sha,
    status: z.string(),
    conclusion: z.string().nullish(),
    check_suite: z.looseObject({ head_branch: z.string().nullable() }).optional(),
    pull_requests: linkedPulls,
  }),
  repository,
});

export const statusEvent = z.looseObject({
  sha,
  state: z.enum(["pending", "success", "failure", "error"]),
  branches: z.array(z.looseObject({ name: z.string(), commit: z.looseObject({ sha: z.string() }) })),
  repository,
});

/** A deployment's status changed; Suture records the successful ones. */
export const deploymentStatusEvent = z.looseObject({
  action: z.string(),
  deployment_status: z.looseObject({
    state: z.string().min(1),
    environment_url: z.string().nullish(),
    target_url: z.string().nullish(),
    created_at: z.string().nullish(),
  }),
  deployment: z.looseObject({
    sha,
    ref: z.string().nullish(),
    environment: z.string().min(1).max(255),
    payload: z.unknown().optional(),
    created_at: z.string().nullish(),
  }),
  repository,
});

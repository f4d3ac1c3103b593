import { z } from "zod";
import { count, objects, optionalId, text } from "./common.ts";

const appInfoSchema = z
  .looseObject({
    appId: text,
    name: text,
    version: text,
    buildNumber: z.unknown().optional(),
    dateAdded: text,
    dateBuilt: text,
  })
  .nullish();

/**
 * `preprod_artifact.*` (and the older `size_analysis.completed`). Kept loose on purpose: the
 * feature is new and its payload is still changing, so nothing here can fail a delivery.
 */
export const preprodDataSchema = z.looseObject({
  buildId: optionalId,
  organizationSlug: text,
  projectSlug: text,
  platform: text,
  state: text,
  appInfo: appInfoSchema,
  baseAppInfo: appInfoSchema,
  gitInfo: z
    .looseObject({ provider: text, headRepoName: text, headRef: text, headSha: text, baseRef: text, prNumber: count })
    .nullish(),
  errorCode: z.unknown().optional(),
  errorMessage: text,
  downloadSize: count,
  installSize: count,
  baseBuildId: optionalId,
  comparisons: objects,
});
export type PreprodData = z.infer<typeof preprodDataSchema>;

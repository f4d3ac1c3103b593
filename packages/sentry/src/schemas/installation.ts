import { z } from "zod";
import { text } from "./common.ts";

/** `installation.created`/`.deleted`: `SentryAppInstallationSerializer` output. */
export const installationDataSchema = z.looseObject({
  installation: z.looseObject({
    uuid: z.string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") }).min(1),
    status: text,
    organization: z.looseObject({ slug: text }).nullish(),
    app: z.looseObject({ uuid: text, slug: text }).nullish(),
  }),
});

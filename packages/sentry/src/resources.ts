import { SENTRY_RESOURCES, type SentryResource } from "./types.ts";

/** True for the `Sentry-Hook-Resource` values in the contract (`size_analysis` is an alias, not listed). */
export function isSentryResource(resource: string): resource is SentryResource {
  return (SENTRY_RESOURCES as readonly string[]).includes(resource);
}

/** Some Sentry versions send preprod size analysis as resource `size_analysis`; treat it as `preprod_artifact`. */
export function canonicalResource(resource: string): string {
  return resource === "size_analysis" ? "preprod_artifact" : resource;
}

import { contentHash } from "./canonical-json.ts";
import { code, facts, sections } from "./markdown.ts";
import { MARKERS, title } from "./markers.ts";
import {
  type NormalizeOptions,
  actorName,
  emptyMetadata,
  iso,
  observed,
  occurredAt,
  references,
} from "./observation.ts";
import { parseData } from "./payload-error.ts";
import { payloadText } from "./payload-text.ts";
import { type PreprodData, preprodDataSchema } from "./schemas/preprod.ts";
import type { Normalized, ObservationReference, PreprodObservationMetadata, SentryEnvelope } from "./types.ts";

/**
 * `preprod_artifact.*` (or `size_analysis.completed` in some versions): a mobile build was
 * analysed. Kept as a generic observation; nothing routes or dispatches on it yet.
 */
export function normalizePreprod(resource: string, envelope: SentryEnvelope, options?: NormalizeOptions): Normalized {
  const { action } = envelope;
  const event = `${resource}.${action}`;
  const data = parseData(preprodDataSchema, envelope.data, event);
  const app = data.appInfo;
  const words = action.replace(/_/g, " ");
  const what = resource === "size_analysis" ? `Size analysis ${words}` : capitalize(words);
  const version = versionOf(app);
  const subject =
    [app?.name ?? app?.appId, version].filter(Boolean).join(" ") || (data.buildId ? `build ${data.buildId}` : null);

  return observed(
    {
      sourceType: event,
      sourceId: `${data.buildId ?? contentHash(envelope.data)}:${action}`,
      title: title(MARKERS.preprod, what, subject),
      body: preprodBody(data, version),
      actor: actorName(envelope.actor),
      occurredAt: occurredAt(options, options?.receivedAt, app?.dateAdded),
      references: references(pullRequestOf(data.gitInfo)),
      metadata: {
        ...emptyMetadata(),
        projectSlug: data.projectSlug,
        platform: data.platform,
        status: data.state,
        buildId: data.buildId,
        baseBuildId: data.baseBuildId,
        appId: app?.appId ?? null,
        appName: app?.name ?? null,
        appVersion: app?.version ?? null,
        downloadSize: data.downloadSize,
        installSize: data.installSize,
        orgSlug: data.organizationSlug,
        dateBuilt: iso(app?.dateBuilt),
      } satisfies PreprodObservationMetadata,
    },
    null,
    { projectSlug: data.projectSlug, projectId: null },
  );
}

/** `1.2.0 (42)`: the version with its build number, when there is one. */
function versionOf(app: PreprodData["appInfo"]): string | null {
  if (!app?.version) return null;
  const build = payloadText(app.buildNumber);
  return build === null ? app.version : `${app.version} (${build})`;
}

function pullRequestOf(git: PreprodData["gitInfo"]): ObservationReference | null {
  if (!git?.headRepoName || git.prNumber === null) return null;
  return {
    type: "pull_request",
    id: `${git.headRepoName}#${git.prNumber}`,
    label: `${git.headRepoName}#${git.prNumber}`,
    // Only GitHub's URL scheme is predictable from the payload.
    url: git.provider === "github" ? `https://github.com/${git.headRepoName}/pull/${git.prNumber}` : null,
  };
}

function preprodBody(data: PreprodData, version: string | null): string {
  const app = data.appInfo;
  const base = data.baseAppInfo;
  const git = data.gitInfo;
  return sections(
    facts([
      ["App", app ? `${app.name ?? "?"}${app.appId ? ` (${code(app.appId)})` : ""}` : null],
      ["Version", version],
      ["Platform", data.platform],
      ["State", data.state],
      ["Build", data.buildId],
      ["Download size", size(data.downloadSize)],
      ["Install size", size(data.installSize)],
      [
        "Compared with",
        data.baseBuildId ? `build ${data.baseBuildId}${base?.version ? ` (${base.version})` : ""}` : null,
      ],
      ["Branch", git?.headRef ? `${code(git.headRef)}${git.baseRef ? ` → ${code(git.baseRef)}` : ""}` : null],
      ["Commit", git?.headSha ? code(git.headSha.slice(0, 12)) : null],
      ["Error", data.errorMessage],
    ]),
    comparisons(data.comparisons),
  );
}

function comparisons(items: readonly Record<string, unknown>[]): string | null {
  const rows = items.map((item) => {
    const diff = (item.sizeMetricDiff ?? {}) as Record<string, unknown>;
    const head = num(diff.headInstallSize);
    const baseSize = num(diff.baseInstallSize);
    const delta =
      head !== null && baseSize !== null ? ` (${head >= baseSize ? "+" : "−"}${size(Math.abs(head - baseSize))})` : "";
    const name = [item.metricsArtifactType, item.identifier].filter((v) => typeof v === "string").join(" ");
    return `- ${name || "artifact"}: install ${size(head) ?? "?"}${delta}`;
  });
  return rows.length > 0 ? `**Size comparison**:\n${rows.join("\n")}` : null;
}

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

function size(bytes: number | null): string | null {
  if (bytes === null) return null;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

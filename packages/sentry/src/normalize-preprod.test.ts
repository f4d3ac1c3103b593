import { describe, expect, it } from "vitest";
import { normalize } from "./normalize.ts";
import { envelopeOf, fixtureEnvelope } from "./test-support.ts";

describe("normalize preprod_artifact.* and size_analysis.*", () => {
  it("keeps a size analysis as a generic observation with app, version and sizes", () => {
    const result = normalize("preprod_artifact", fixtureEnvelope("preprod_artifact.size_analysis_completed.json"), {
      receivedAt: "2025-07-01T12:00:00.000Z",
    });
    if (result.status !== "observation") throw new Error("expected an observation");
    const { observation } = result;
    expect(observation.metadata).toMatchObject({
      projectSlug: "my-project",
      platform: "APPLE",
      status: "COMPLETED",
      buildId: "72",
      baseBuildId: "57",
      appId: "com.example.myapp",
      appVersion: "1.0",
      downloadSize: 28864215,
      installSize: 30806016,
    });
    expect(observation.body).toContain("- App: MyApp (`com.example.myapp`)\n- Version: 1.0 (2)");
    expect(observation.body).toContain("- Download size: 27.5 MiB\n- Install size: 29.4 MiB");
    expect(observation.body).toContain("- MAIN_ARTIFACT: install 17.0 MiB (+11.9 MiB)");
    expect(observation.references).toEqual([
      {
        type: "pull_request",
        id: "my-org/my-app#3",
        label: "my-org/my-app#3",
        url: "https://github.com/my-org/my-app/pull/3",
      },
    ]);
    expect(result).toMatchObject({ issue: null, projectSlug: "my-project", projectId: null });
  });

  it("treats the older size_analysis.completed alike", () => {
    const result = normalize("size_analysis", {
      ...fixtureEnvelope("preprod_artifact.size_analysis_completed.json"),
      action: "completed",
    });
    expect(result).toMatchObject({
      status: "observation",
      observation: {
        sourceType: "size_analysis.completed",
        sourceId: "72:completed",
        title: "📦 Size analysis completed: MyApp 1.0 (2)",
      },
    });
  });

  it("never fails on a sparse payload: the id falls back to a content hash", () => {
    const result = normalize("preprod_artifact", envelopeOf("build_distributed", { state: "DONE" }));
    expect(result).toMatchObject({
      status: "observation",
      observation: {
        title: "📦 Build distributed",
        sourceId: expect.stringMatching(/^[0-9a-f]{32}:build_distributed$/),
      },
    });
  });
});

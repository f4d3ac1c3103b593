// INNGEST_DEV is an explicit opt-in to the SDK's unsigned dev mode: no embedded executor, no
// keys of ours, and a warning at boot that /api/inngest checks no signatures.
import { afterAll, expect, it } from "vitest";

process.env.INNGEST_DEV = "http://127.0.0.1:9";
const core = await import("@suture/core");
const { closeDb } = await import("@suture/core/database");
const { inngest, serveOptions } = await import("@suture/core/inngest");

afterAll(() => closeDb());

it("runs the SDK in dev mode, as configured, and says at boot that /api/inngest is unsigned", async () => {
  expect(inngest.mode).toBe("dev");
  expect(inngest.signingKey).toBeUndefined();
  expect(serveOptions).toEqual({});
  const report = await core.startSuture();
  expect(report.executor).toBeNull();
  expect(report.warnings).toEqual(
    expect.arrayContaining([expect.stringMatching(/^INNGEST_DEV is set: \/api\/inngest .*checks no signatures/)]),
  );
});

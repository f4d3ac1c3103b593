import { describe, expect, it } from "vitest";
import { normalize } from "./normalize.ts";
import { SentryPayloadError } from "./payload-error.ts";
import { envelopeOf } from "./test-support.ts";

describe("normalize installation.*", () => {
  it("reads the installation from data, not from the envelope", () => {
    const envelope = envelopeOf(
      "created",
      { installation: { uuid: "from-data", organization: { slug: "acme" } } },
      "from-envelope",
    );
    expect(normalize("installation", envelope)).toEqual({
      status: "installation",
      action: "created",
      installationUuid: "from-data",
      orgSlug: "acme",
      appSlug: null,
    });
  });

  it.each([
    ["no installation", {}, "installation.deleted payload is invalid: data.installation: is required"],
    [
      "no uuid",
      { installation: { status: "installed" } },
      "installation.deleted payload is invalid: data.installation.uuid: is required",
    ],
  ])("throws SentryPayloadError for %s", (_label, data, message) => {
    expect(() => normalize("installation", envelopeOf("deleted", data))).toThrow(SentryPayloadError);
    expect(() => normalize("installation", envelopeOf("deleted", data))).toThrow(message);
  });
});

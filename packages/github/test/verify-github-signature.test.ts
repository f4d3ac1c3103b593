import { describe, expect, it } from "vitest";
import { verifyGithubSignature } from "../src/index.ts";
import { signGithubPayload } from "../src/test-support/index.ts";

const SECRET = "It's a Secret to Everybody";
// GitHub's documented example: this body and secret give exactly this signature.
const DOC_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

describe("verifyGithubSignature", () => {
  it("accepts GitHub's documented example", async () => {
    expect(await verifyGithubSignature(SECRET, "Hello, World!", DOC_SIGNATURE)).toBe(true);
    expect(await signGithubPayload(SECRET, "Hello, World!")).toBe(DOC_SIGNATURE);
  });

  it.each([
    ["another body", "Hello, World?", DOC_SIGNATURE],
    ["another secret's signature", "Hello, World!", "sha256=" + "0".repeat(64)],
    ["a missing signature", "Hello, World!", null],
    ["an empty signature", "Hello, World!", ""],
    ["a sha1 signature", "Hello, World!", "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59"],
    ["a short signature", "Hello, World!", "sha256=757107"],
    ["a non-hex signature", "Hello, World!", "sha256=" + "zz".repeat(32)],
    ["an empty body", "", DOC_SIGNATURE],
  ])("rejects %s without throwing", async (_label, body, signature) => {
    expect(await verifyGithubSignature(SECRET, body, signature)).toBe(false);
  });

  it("rejects everything when no secret is configured", async () => {
    expect(await verifyGithubSignature("", "Hello, World!", DOC_SIGNATURE)).toBe(false);
  });
});

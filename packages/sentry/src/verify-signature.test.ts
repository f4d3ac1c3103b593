import { describe, expect, it } from "vitest";
import { listFixtures } from "./fixtures.ts";
import { SECRET, fixtureBytes, fixtureText, signatureVectors } from "./test-support.ts";
import { signBody, verifySignature } from "./verify-signature.ts";

const body = fixtureBytes("issue.created.json");
const good = signatureVectors.signatures["issue.created.json"]!;

describe("verifySignature", () => {
  it("has a signature vector for every webhook fixture", () => {
    expect(Object.keys(signatureVectors.signatures).sort()).toEqual(listFixtures());
  });

  it.each(Object.entries(signatureVectors.signatures))("verifies %s with the corpus secret", (name, signature) => {
    expect(verifySignature(fixtureBytes(name), signature, [SECRET])).toBe(true);
    expect(signBody(fixtureBytes(name), SECRET)).toBe(signature);
  });

  it.each([
    ["a signature for another body", signatureVectors.signatures["issue.resolved.json"]],
    ["a signature under another secret", signBody(body, "another-secret")],
    ["a truncated signature", good.slice(0, 63)],
    ["a short signature", "abc"],
    ["a signature one digit too long", `${good}0`],
    ["a non-hex signature of the right length", "zz".repeat(32)],
    ["a prefixed signature", `sha256=${good}`],
    ["a signature with inner whitespace", `${good.slice(0, 32)} ${good.slice(32)}`],
    ["an empty signature", ""],
    ["null", null],
    ["undefined", undefined],
  ])("rejects %s without throwing", (_label, signature) => {
    expect(() => verifySignature(body, signature, [SECRET])).not.toThrow();
    expect(verifySignature(body, signature, [SECRET])).toBe(false);
  });

  it("accepts upper-case hex and surrounding whitespace", () => {
    expect(verifySignature(body, ` ${good.toUpperCase()}\n`, [SECRET])).toBe(true);
  });

  it.each([
    ["the first of two secrets matches", [SECRET, "old-secret"], true],
    ["the second of two secrets matches (rotation)", ["new-secret", SECRET], true],
    ["no secret matches", ["new-secret", "old-secret"], false],
    ["no secret is configured", [], false],
  ] as const)("%s", (_label, secrets, expected) => {
    expect(verifySignature(body, good, secrets)).toBe(expected);
  });

  it("never accepts a body signed with an empty key, even if an empty secret is configured", () => {
    expect(verifySignature(body, signBody(body, ""), ["", "   ".trim()])).toBe(false);
  });

  it.each([
    ["\\u escapes", "event_alert.triggered.json", "\\u2014"],
    ["a float written as 1000.0", "metric_alert.critical.json", "1000.0"],
  ])(
    "verifies over the received bytes when the body has %s, which re-serializing would break",
    (_label, name, marker) => {
      const text = fixtureText(name);
      expect(text).toContain(marker);
      const reserialized = JSON.stringify(JSON.parse(text));
      expect(reserialized).not.toBe(text);
      const signature = signatureVectors.signatures[name]!;
      expect(verifySignature(fixtureBytes(name), signature, [SECRET])).toBe(true);
      expect(verifySignature(new TextEncoder().encode(reserialized), signature, [SECRET])).toBe(false);
    },
  );

  it("signs a string and its UTF-8 bytes alike, including non-ASCII text", () => {
    const text = '{"action":"created","data":{"comment":"café — naïve"}}';
    expect(signBody(text, SECRET)).toBe(signBody(new TextEncoder().encode(text), SECRET));
    expect(signBody(text, SECRET)).toMatch(/^[0-9a-f]{64}$/);
  });
});

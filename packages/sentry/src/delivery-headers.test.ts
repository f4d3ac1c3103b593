import { describe, expect, it } from "vitest";
import { deliveryHeaders } from "./delivery-headers.ts";
import { verifySignature } from "./verify-signature.ts";

describe("deliveryHeaders", () => {
  it("signs the exact bytes and names a fresh 32-hex Request-ID each time", () => {
    const body = '{"action":"created","data":{"x":1000.0}}';
    const first = deliveryHeaders("issue", body, "s3cret");
    const second = deliveryHeaders("issue", body, "s3cret");
    expect(verifySignature(new TextEncoder().encode(body), first["Sentry-Hook-Signature"], ["s3cret"])).toBe(true);
    expect(first["Request-ID"]).toMatch(/^[0-9a-f]{32}$/);
    expect(second["Request-ID"]).not.toBe(first["Request-ID"]);
    expect(first["Sentry-Hook-Resource"]).toBe("issue");
    expect(Number(first["Sentry-Hook-Timestamp"])).toBeCloseTo(Date.now() / 1000, -1);
  });
});

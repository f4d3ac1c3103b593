import { expect, test } from "@playwright/test";
import { fixtureBody, fixtures, resourceOf, signedHeaders } from "./sentry";

const URL = "/api/sentry/webhooks";

test.describe("POST /api/sentry/webhooks", () => {
  test("GET answers the endpoint's health", async ({ request }) => {
    const response = await request.get(URL);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", service: "sentry-webhooks" });
  });

  test("accepts every fixture with 202 and answers redeliveries 200 duplicate", async ({ request }) => {
    // An installation of this test's own, so the content is new to the server whatever ran before.
    const installation = crypto.randomUUID();
    for (const name of fixtures()) {
      const body = Buffer.from(
        fixtureBody(name)
          .toString()
          .replace(/"uuid":"[^"]+"/, `"uuid":"${installation}"`),
      );
      const first = await request.post(URL, { data: body, headers: signedHeaders(resourceOf(name), body) });
      expect(first.status(), name).toBe(202);
      const stored = await first.json();
      expect(stored).toMatchObject({ received: true, deliveryId: expect.any(String) });

      // A retry: new Request-ID and timestamp, the body re-serialized with spaces.
      const again = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
      const second = await request.post(URL, { data: again, headers: signedHeaders(resourceOf(name), again) });
      expect(second.status(), name).toBe(200);
      expect(await second.json()).toEqual({ received: true, duplicate: true, deliveryId: stored.deliveryId });
    }
  });

  const body = Buffer.from(
    '{"action":"created","data":{"issue":{"id":"42"}},"installation":{"uuid":"00000000-0000-4000-8000-0000000000e2"}}',
  );
  const cases: [string, () => { data: Buffer; headers: Record<string, string> }, number, RegExp][] = [
    [
      "no resource header",
      () => ({ data: body, headers: omit(signedHeaders("issue", body), "Sentry-Hook-Resource") }),
      400,
      /Sentry-Hook-Resource/,
    ],
    [
      "no signature",
      () => ({ data: body, headers: omit(signedHeaders("issue", body), "Sentry-Hook-Signature") }),
      401,
      /Signature/,
    ],
    [
      "a wrong signature",
      () => ({ data: body, headers: signedHeaders("issue", body, "wrong") }),
      401,
      /does not match/,
    ],
    [
      "a truncated signature",
      () => ({ data: body, headers: { ...signedHeaders("issue", body), "Sentry-Hook-Signature": "abc" } }),
      401,
      /does not match/,
    ],
    [
      "a body that is not JSON",
      () => ({ data: Buffer.from("{oops"), headers: signedHeaders("issue", "{oops") }),
      400,
      /not valid JSON/,
    ],
    [
      "a JSON body without action",
      () => ({ data: Buffer.from('{"data":{}}'), headers: signedHeaders("issue", '{"data":{}}') }),
      400,
      /action/,
    ],
    [
      "a body over 1 MiB",
      () => {
        const big = Buffer.alloc(1024 * 1024 + 10, 32);
        return { data: big, headers: signedHeaders("issue", big) };
      },
      413,
      /larger than/,
    ],
  ];
  for (const [label, make, status, message] of cases) {
    test(`answers ${status} with a JSON error for ${label}`, async ({ request }) => {
      const { data, headers } = make();
      const response = await request.post(URL, { data, headers });
      expect(response.status()).toBe(status);
      const json = await response.json();
      expect(Object.keys(json)).toEqual(["error"]);
      expect(json.error).toMatch(message);
    });
  }

  test("stores an unknown event as ignored and answers 202", async ({ request }) => {
    const unknown = Buffer.from(
      '{"action":"teleported","data":{"x":1},"installation":{"uuid":"00000000-0000-4000-8000-0000000000e2"}}',
    );
    const response = await request.post(URL, { data: unknown, headers: signedHeaders("widget", unknown) });
    expect(response.status()).toBe(202);
    expect(await response.json()).toMatchObject({ received: true, ignored: true });
  });
});

function omit(headers: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _dropped, ...rest } = headers;
  return rest;
}

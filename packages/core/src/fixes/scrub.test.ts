import { describe, expect, it } from "vitest";
import { scrubText } from "./scrub.ts";

const SHA = "3f786850e387550fdab836ed7e6dc881de23001b";

describe("scrubText", () => {
  it.each([
    ["an email", "sent to jane.doe+shop@example.co.uk today", "sent to [email] today"],
    ["an IPv4 address", "connect ECONNREFUSED 10.0.12.7:5432", "connect ECONNREFUSED [ip]:5432"],
    ["a full IPv6 address", "from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok", "from [ip] ok"],
    ["a compressed IPv6 address", "peer fe80::1ff:fe23:4567:890a and ::1", "peer [ip] and [ip]"],
    ["a dotted version that looks like an IPv4", "agent 1.2.3.4", "agent [ip]"],
    [
      "a URL query and fragment",
      "GET https://shop.test/cart/42?session=abc&u=7#frag failed",
      "GET https://shop.test/cart/42?[query] failed",
    ],
    ["a fragment only", "see https://docs.test/page#section", "see https://docs.test/page?[query]"],
    [
      "credentials in a URL",
      "postgres://app:hunter2@db.internal:5432/shop",
      "postgres://[credentials]@db.internal:5432/shop",
    ],
    ["a GitHub token", "token ghp_0123456789abcdefghijABCDEFGHIJ012345 leaked", "token [token] leaked"],
    ["a fine-grained GitHub token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "[token]"],
    ["a Slack token", "xoxb-123456789012-abcdefABCDEF", "[token]"],
    ["an sk- key", "key sk-proj-abcdefghijklmnopqrstuvwx1234 here", "key [token] here"],
    ["an sk_live_ key", "sk_live_51Habcdefghijklmnopqrstu", "[token]"],
    ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE is mine", "[token] is mine"],
    [
      "a JWT",
      "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
      "jwt [token]",
    ],
    ["a bearer token", "Authorization: Bearer abc.def-ghi_jkl", "Authorization: Bearer [token]"],
    ["password=value", "login failed password=hunter2 for", "login failed password=[token] for"],
    ["a quoted JSON secret", '{"api_key": "abc123", "ok": true}', '{"api_key": "[token]", "ok": true}'],
    ["key:value without a space", "db_secret:s3cr3t", "db_secret:[token]"],
    ["a 32-hex secret", "hash 0123456789abcdef0123456789abcdef end", "hash [token] end"],
    ["a random base64 run", "AWS wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS [token]"],
    ["user:id", "tag user:8812 set", "tag user:[user] set"],
    ["user_id=value", "where user_id=abc-42 and", "where user_id=[user] and"],
    ["uid=value", "uid=1001", "uid=[user]"],
    ["a quoted user id", '{"userId": "u_991"}', '{"userId": "[user]"}'],
    ["prose user id", "no cart for user id 4471", "no cart for user id [user]"],
    ["a Sentry user tag value", "user=id:42", "user=[user]"],
  ])("scrubs %s", (_label, input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([
    ["a file position", "at addItem (src/cart.js:12:5)"],
    ["a plain version", "release v1.2.3 and 2.0.1"],
    ["a 40-hex commit SHA", `release ${SHA}`],
    ["a UUID", "event 9b2f4c1e-8a7d-4e2b-9c3f-1a2b3c4d5e6f"],
    ["a clock time", "at 12:30:45 UTC"],
    ["a C++ scope", "std::vector<int>::at out of range"],
    ["a MAC-free ratio", "ratio 3:2"],
    ["prose after a secret-looking word", "Invalid password: too short"],
    ["a word containing user", "username is required, userAgent=curl"],
    ["prose user without digits", "user id missing"],
    ["a scoped package", "node_modules/@sentry/node@8.1.0/build/index.js"],
    ["a long path", "/app/node_modules/some-package/dist/esm/internal/index.js"],
    ["a long camelCase identifier", "handleCheckoutV2SubmissionForCartItems is not a function"],
    ["a long path with digits", "src/components/Cart2/CheckoutV2ButtonHandler.tsx"],
    ["a URL without a query", "https://acme.sentry.io/issues/123/"],
    ["a decorator", "@Component({ selector: 'cart' })"],
  ])("keeps %s", (_label, input) => {
    expect(scrubText(input)).toBe(input);
  });

  it("scrubs several kinds in one text", () => {
    const input = "user:77 (bob@shop.test) from 192.168.1.20 token=abc";
    expect(scrubText(input)).toBe("user:[user] ([email]) from [ip] token=[token]");
  });
});

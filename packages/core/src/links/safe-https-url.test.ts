import { describe, expect, it } from "vitest";
import { githubWebHost, safeHttpsUrl } from "./safe-https-url.ts";

describe("safeHttpsUrl", () => {
  it.each([
    ["an https link", "https://github.com/acme/shop/pull/7", undefined, "https://github.com/acme/shop/pull/7"],
    [
      "an https link with query and fragment",
      "https://acme.sentry.io/issues/1/?project=42#x",
      undefined,
      "https://acme.sentry.io/issues/1/?project=42#x",
    ],
    ["an upper-case scheme and host, normalized", "HTTPS://GitHub.com/a", undefined, "https://github.com/a"],
    [
      "a quote and a space, escaped",
      'https://github.com/a" onmouseover="x',
      undefined,
      "https://github.com/a%22%20onmouseover=%22x",
    ],
    ["a data: URL", "data:text/html,<script>alert(1)</script>", undefined, null],
    ["a javascript: URL", "javascript:alert(document.cookie)", undefined, null],
    ["a javascript: URL hidden behind whitespace and case", " \tJaVaScRiPt:alert(1)", undefined, null],
    ["an http link", "http://github.com/acme/shop/pull/7", undefined, null],
    ["a protocol-relative link", "//evil.example/x", undefined, null],
    ["a relative path", "/acme/shop/pull/7", undefined, null],
    ["credentials before the host", "https://github.com@evil.example/acme/shop/pull/7", undefined, null],
    ["a user and password", "https://user:pass@github.com/a", undefined, null],
    ["an empty string", "", undefined, null],
    ["not a string", 42, undefined, null],
    ["null", null, undefined, null],
    ["a link longer than 2048 characters", `https://github.com/${"a".repeat(2048)}`, undefined, null],
    [
      "a link on the allowed host",
      "https://github.com/acme/shop/pull/7",
      ["github.com"],
      "https://github.com/acme/shop/pull/7",
    ],
    ["a link on another host", "https://evil.example/acme/shop/pull/7", ["github.com"], null],
    ["a subdomain of the allowed host", "https://gist.github.com/x", ["github.com"], null],
    ["a host that only ends like the allowed one", "https://evilgithub.com/x", ["github.com"], null],
    ["the allowed host on another port", "https://github.com:8443/x", ["github.com"], null],
    [
      "a GitHub Enterprise host with its port",
      "https://ghe.example.com:8443/a/b/pull/1",
      ["ghe.example.com:8443"],
      "https://ghe.example.com:8443/a/b/pull/1",
    ],
  ])("%s", (_label, value, hosts, expected) => {
    expect(safeHttpsUrl(value, hosts)).toBe(expected);
  });
});

describe("githubWebHost", () => {
  it.each([
    [undefined, "github.com"],
    ["https://api.github.com", "github.com"],
    ["https://ghe.example.com/api/v3", "ghe.example.com"],
    ["https://ghe.example.com:8443/api/v3", "ghe.example.com:8443"],
    ["not a url", "github.com"],
  ])("%s → %s", (apiUrl, host) => {
    expect(githubWebHost(apiUrl)).toBe(host);
  });
});

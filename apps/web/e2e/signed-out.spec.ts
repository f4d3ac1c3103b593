import { expect, test } from "@playwright/test";

test.use({ storageState: { cookies: [], origins: [] } });

const PAGES = [
  "/",
  "/default",
  "/acme",
  "/default/members",
  "/default/audit",
  "/acme/runs/00000000-0000-4000-8000-000000000000",
  "/no-such-workspace",
];

test("signed out, every page sends you to sign in and back where you were", async ({ page }) => {
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page, path).toHaveURL(path === "/" ? /\/sign-in$/ : `/sign-in?next=${encodeURIComponent(path)}`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
});

test("signed out, the public endpoints still answer and nothing else does", async ({ request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  expect((await request.get("/api/sentry/webhooks")).status()).toBe(200);
  // Signed webhooks and Inngest answer for themselves: a missing signature is theirs to refuse.
  expect((await request.post("/api/sentry/webhooks", { data: "{}" })).status()).toBe(400);
  expect((await request.post("/api/github/webhooks", { data: "{}" })).status()).toBe(400);
  const session = await request.get("/api/auth/get-session");
  expect(session.status()).toBe(200);
  expect(await session.json()).toBeNull();
  // A page fetched without a browser is a redirect to sign in, never the data.
  const overview = await request.get("/default", { maxRedirects: 0 });
  expect(overview.status()).toBe(307);
  expect(overview.headers().location).toBe("/sign-in?next=%2Fdefault");
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/sign-in");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  const api = (await request.get("/api/health")).headers();
  expect(api["x-content-type-options"]).toBe("nosniff");
});

// better-auth writes through Suture's logger: one log format, and no warning that asks an
// operator for a setting Suture does not read.
import { afterAll, expect, it, vi } from "vitest";

if (process.env.SUTURE_TEST_DB === "postgres")
  process.env.SUTURE_AUTH_SECRET = "0123456789abcdef0123456789abcdef-test-secret";
delete process.env.SUTURE_PUBLIC_URL;
const core = await import("@suture/core");
const { closeDb } = await import("@suture/core/database");
const { log } = await import("@suture/core/observability");

afterAll(() => closeDb());

it("without SUTURE_PUBLIC_URL, better-auth's base-URL warning is a debug line and its other warnings are Suture's", async () => {
  const lines: Record<"debug" | "warn" | "error", string[]> = { debug: [], warn: [], error: [] };
  for (const level of ["debug", "warn", "error"] as const)
    vi.spyOn(log, level).mockImplementation((...args: unknown[]) => void lines[level].push(String(args.at(-1))));

  const context = await (await core.getAuth(false)).$context;

  expect(lines.warn.filter((line) => line.includes("Base URL"))).toEqual([]);
  expect(lines.debug).toContainEqual(expect.stringMatching(/^better-auth: Base URL is not set/));
  context.logger.warn("[better-auth] something an operator should see");
  context.logger.error("a failure", new Error("boom"));
  expect(lines.warn).toContain("better-auth: something an operator should see");
  expect(lines.error).toContain("better-auth: a failure");
});

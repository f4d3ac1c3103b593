// On PostgreSQL the session secret must be configured (every server must share it): boot refuses
// to start without it, saying what to set. The embedded defaults generate one instead.
import { afterAll, expect, it } from "vitest";

const onPostgres = process.env.SUTURE_TEST_DB === "postgres";
delete process.env.SUTURE_AUTH_SECRET;
const core = await import("@suture/core");
const { closeDb } = await import("@suture/core/database");

afterAll(() => closeDb());

it.runIf(onPostgres)("refuses to start on PostgreSQL without SUTURE_AUTH_SECRET, naming the setting", async () => {
  await expect(core.startSuture()).rejects.toThrow(/SUTURE_AUTH_SECRET is not set: with DATABASE_URL it is required/);
});

it.runIf(!onPostgres)("starts on the embedded defaults without SUTURE_AUTH_SECRET", async () => {
  await expect(core.startSuture()).resolves.toMatchObject({ database: "pglite" });
});

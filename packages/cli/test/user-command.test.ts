import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The CLI is a separate process: on PGlite it needs real files, and our handle closed first.
if (process.env.SUTURE_TEST_DB === "pglite") process.env.SUTURE_DATA_DIR = mkdtempSync(join(tmpdir(), "suture-cli-"));
const { closeDb, getDb } = await import("@suture/core/database");
const db = await import("@suture/db");

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", new URL("../src/main.ts", import.meta.url).pathname, ...args], {
    env: process.env,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

afterAll(() => closeDb());

describe("suture user create", () => {
  it(
    "creates a user in a workspace, adds an existing one to another, and says what is wrong",
    { timeout: 120_000 },
    async () => {
      const handle = await getDb();
      await db.ensureWorkspace(handle, { slug: "shop" });
      await db.ensureWorkspace(handle, { slug: "blog" });
      await closeDb();

      expect(
        await cli(
          "user",
          "create",
          "--email",
          "ana@example.com",
          "--password",
          "long enough pw",
          "--role",
          "approver",
          "--workspace",
          "shop",
        ),
      ).toMatchObject({
        code: 0,
        stdout: "created ana@example.com, shop (approver)\n",
      });
      expect(
        await cli("user", "create", "--email", "ana@example.com", "--role", "viewer", "--workspace", "blog"),
      ).toMatchObject({
        code: 0,
        stdout: "ana@example.com already exists: blog (viewer)\n",
      });
      expect(
        await cli("user", "create", "--email", "ana@example.com", "--role", "admin", "--workspace", "blog"),
      ).toMatchObject({
        code: 0,
        stdout: "ana@example.com already exists: blog (viewer → admin)\n",
      });
      expect(
        await cli("user", "create", "--email", "ben@example.com", "--password", "short", "--role", "viewer"),
      ).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/at least 10 characters/),
      });
      expect(
        await cli("user", "create", "--email", "ben@example.com", "--password", "long enough pw", "--role", "owner"),
      ).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/admin, approver or viewer/),
      });
      expect(
        await cli(
          "user",
          "create",
          "--email",
          "ben@example.com",
          "--password",
          "long enough pw",
          "--role",
          "viewer",
          "--workspace",
          "nope",
        ),
      ).toMatchObject({
        code: 1,
        stderr: "suture user create: no workspace nope\n",
      });
      expect(await cli("user", "remove")).toMatchObject({ code: 2 });
      // Changes made from the shell land in the workspace's audit log too.
      expect(await cli("repo", "add", "blog", "acme/blog")).toMatchObject({ code: 0 });
      expect(await cli("policy", "blog", "--mode", "auto")).toMatchObject({ code: 0 });

      const after = await getDb();
      const ana = await db.findUserByEmail(after, { email: "ana@example.com" });
      expect((await db.listUserMemberships(after, { userId: ana!.id })).map((m) => [m.slug, m.role])).toEqual([
        ["blog", "admin"],
        ["shop", "approver"],
      ]);
      const blog = await db.getWorkspaceBySlug(after, { slug: "blog" });
      const audit = await db.listAuditEvents(after, { workspaceId: blog!.id });
      expect(audit.map((e) => [e.action, e.actor])).toEqual([
        ["policy.changed", `cli:${userInfo().username}`],
        ["repository.connected", `cli:${userInfo().username}`],
        ["member.role_changed", `cli:${userInfo().username}`],
        ["member.added", `cli:${userInfo().username}`],
      ]);
    },
  );
});

import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startSentryDouble } from "@suture/sentry/test-support";
import { afterAll, describe, expect, it } from "vitest";

// The CLI is a separate process: on PGlite it needs real files, and our handle closed first.
if (process.env.SUTURE_TEST_DB === "pglite") process.env.SUTURE_DATA_DIR = mkdtempSync(join(tmpdir(), "suture-cli-"));
const GLOBEX_TOKEN = "sntrys_globex_token_0123456789abcdef";
const sentry = await startSentryDouble({ orgTokens: { [GLOBEX_TOKEN]: "globex" } });
process.env.SENTRY_URL = sentry.url;
process.env.SENTRY_AUTH_TOKEN = sentry.token;
process.env.SENTRY_ORG = "acme";
const { closeDb, getDb } = await import("@suture/core/database");
const db = await import("@suture/db");
const { sentryInstallations } = await import("@suture/db/schema");

const GLOBEX = "5d0f4a51-0000-4c4c-9d9d-00000000beef";
const run = promisify(execFile);
const cli = (args: string[], input?: string) => {
  const child = run(
    process.execPath,
    ["--import", "tsx", new URL("../src/main.ts", import.meta.url).pathname, ...args],
    { env: process.env },
  );
  if (input !== undefined) child.child.stdin?.end(input);
  return child.then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
};

afterAll(async () => {
  await closeDb();
  await sentry.close();
});

describe("suture sentry-installation and suture sync", () => {
  it(
    "stores an installation's credentials sealed, lists them without secrets, and syncs with its token",
    { timeout: 180_000 },
    async () => {
      const handle = await getDb();
      const workspace = await db.ensureWorkspace(handle, { slug: "globex" });
      await db.routeInstallation(handle, { uuid: GLOBEX, workspaceId: workspace.id, autoRouted: false });
      await closeDb();

      expect(
        await cli(["sentry-installation", "set", GLOBEX, "--token", "-", "--org", "globex"], `${GLOBEX_TOKEN}\n`),
      ).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`saved token, org for ${GLOBEX}`),
      });
      const listed = await cli(["sentry-installation", "list"]);
      expect(listed).toMatchObject({ code: 0, stdout: expect.stringContaining(`token …${GLOBEX_TOKEN.slice(-4)}`) });
      expect(listed.stdout).not.toContain(GLOBEX_TOKEN);
      expect(await cli(["sentry-installation", "set", "nope", "--token", "x"])).toMatchObject({
        code: 1,
        stderr: "suture sentry-installation: the installation uuid must be a UUID\n",
      });

      sentry.setIssues("globex", [
        {
          id: "9100",
          shortId: "GLOBEX-1",
          title: "TypeError: boom",
          lastSeen: new Date(Date.now() - 3 * 3_600_000).toISOString(),
        },
      ]);
      expect(await cli(["sync", "--since", "soon"])).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("--since must be like"),
      });
      const synced = await cli(["sync", "--since", "24h"]);
      expect(synced).toMatchObject({ code: 0 });
      expect(synced.stdout).toContain("globex: read 1 issues seen since");
      expect(synced.stdout).toContain("  new issue   GLOBEX-1  TypeError: boom");
      expect(synced.stdout).toContain("acme: read 0 issues");
      expect(new Set(sentry.calls.filter((c) => c.path.includes("/globex/")).map((c) => c.token))).toEqual(
        new Set([GLOBEX_TOKEN]),
      );

      const [row] = await (await getDb()).select().from(sentryInstallations);
      expect(row!.authToken).toMatch(/^v1:/);
      const audit = await db.listAuditEvents(await getDb(), { workspaceId: workspace.id });
      expect(audit).toMatchObject([
        { action: "installation.credentials_set", targetId: GLOBEX, data: { changed: ["token", "org"] } },
      ]);
      expect(JSON.stringify(audit)).not.toContain(GLOBEX_TOKEN);
    },
  );
});

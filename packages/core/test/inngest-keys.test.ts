// The embedded executor's keys on a real data folder (PGlite and PostgreSQL alike): made once,
// owner-only, and the same for every process that reads the folder.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = mkdtempSync(join(tmpdir(), "suture-keys-"));
const dataDir = join(root, "data");
process.env.SUTURE_DATA_DIR = dataDir;
const { embeddedInngestKeys, inngest } = await import("@suture/core/inngest");

afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = promisify(execFile);
/** Another process reading the same data folder, as the CLI does next to the server. */
async function keysOfAnotherProcess(dir: string) {
  const script =
    'import { embeddedInngestKeys } from "./src/inngest-keys.ts"; console.log(JSON.stringify(embeddedInngestKeys()));';
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: new URL("..", import.meta.url).pathname,
    env: { ...process.env, SUTURE_DATA_DIR: dir },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { signingKey: string; eventKey: string };
}

describe("the embedded executor's keys", () => {
  it("are made at first use, kept owner-only in the data folder, and given to the app's client", () => {
    const keys = embeddedInngestKeys();
    expect(keys.signingKey).toMatch(/^signkey-prod-[0-9a-f]{64}$/);
    expect(keys.eventKey).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dataDir, "inngest-keys.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(keys);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(inngest.mode).toBe("cloud");
    expect(inngest.signingKey).toBe(keys.signingKey);
  });

  it(
    "are the same in another process, and several processes starting together agree",
    { timeout: 90_000 },
    async () => {
      const fresh = join(root, "fresh");
      const [same, ...racing] = await Promise.all([
        keysOfAnotherProcess(dataDir),
        keysOfAnotherProcess(fresh),
        keysOfAnotherProcess(fresh),
      ]);
      expect(same).toEqual(embeddedInngestKeys());
      expect(racing[1]).toEqual(racing[0]);
      expect(racing[0]).not.toEqual(embeddedInngestKeys());
    },
  );

  it("refuses a keys file it did not write, rather than run with it", { timeout: 60_000 }, async () => {
    const odd = join(root, "odd");
    mkdirSync(odd, { mode: 0o700 });
    writeFileSync(join(odd, "inngest-keys.json"), JSON.stringify({ signingKey: "signkey-prod-00", eventKey: "x" }), {
      mode: 0o600,
    });
    await expect(keysOfAnotherProcess(odd)).rejects.toThrow(/does not hold Suture's Inngest keys; delete it/);
  });
});

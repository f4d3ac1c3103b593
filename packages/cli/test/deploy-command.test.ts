import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The CLI is a separate process: on PGlite it needs real files, and our handle closed first.
if (process.env.SUTURE_TEST_DB === "pglite") process.env.SUTURE_DATA_DIR = mkdtempSync(join(tmpdir(), "suture-cli-"));
const { closeDb, getDb } = await import("@suture/core/database");
const core = await import("@suture/core");
const db = await import("@suture/db");

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", new URL("../src/main.ts", import.meta.url).pathname, ...args], {
    env: { ...process.env, SUTURE_DEPLOY_TOKEN: "" },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

/** The route's work over real HTTP: the body and the Authorization header go to core's handler. */
function deploymentsServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void core.receiveDeployment(req.headers.authorization ?? null, Buffer.concat(chunks)).then(
        (answer) => {
          res.writeHead(req.url === "/api/deployments" ? answer.status : 404, { "content-type": "application/json" });
          res.end(JSON.stringify(answer.body));
        },
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let server: Server | undefined;
afterAll(async () => {
  server?.close();
  await closeDb();
});

describe("suture deploy-token and suture deploy", () => {
  it("creates a token once, and a CI step records a deployment with it, once", { timeout: 120_000 }, async () => {
    await db.ensureWorkspace(await getDb(), { slug: "shop" });
    await closeDb();
    const created = await cli("deploy-token", "create", "shop", "--name", "github actions");
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^sdt_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain("shown once");
    expect(await cli("deploy-token", "create", "nope")).toMatchObject({
      code: 1,
      stderr: 'suture deploy-token: no workspace "nope"\n',
    });

    server = await deploymentsServer();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const args = ["deploy", "--url", url, "--token", token, "--env", "production", "--release", "shop@1.2.0"];
    const first = await cli(...args, "--commit", "a".repeat(40));
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^recorded: [0-9a-f-]{36}\n$/) });
    const id = first.stdout.trim().slice("recorded: ".length);
    expect(await cli(...args, "--commit", "a".repeat(40))).toMatchObject({
      code: 0,
      stdout: `already recorded: ${id}\n`,
    });
    const stored = await db.getDeployment(await getDb(), { id });
    expect(stored).toMatchObject({ release: "shop@1.2.0", environment: "production", commitSha: "a".repeat(40) });

    expect(await cli(...args, "--commit", "main")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("400 commit: must be a commit SHA"),
    });
    expect(await cli("deploy", "--url", url, "--token", "sdt_wrong", "--env", "p", "--release", "1")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("401 a valid deploy token is required"),
    });
    expect(await cli("deploy", "--url", url, "--env", "p", "--release", "1")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("no deploy token"),
    });
    expect(
      await cli("deploy", "--url", "http://127.0.0.1:1", "--token", token, "--env", "p", "--release", "1"),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("could not reach http://127.0.0.1:1"),
    });
  });
});

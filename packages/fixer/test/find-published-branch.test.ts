import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneRepository, findPublishedBranch, publishBranch, snapshotChanges } from "../src/index.ts";
import { createSampleRepo, type SampleRepo } from "../test-support/index.ts";

const BOT = { name: "Suture", email: "suture-bot@users.noreply.example" };
let repo: SampleRepo;
beforeAll(async () => {
  repo = await createSampleRepo();
});
afterAll(() => repo.cleanup());

async function checkout(): Promise<string> {
  const result = await cloneRepository({ cloneUrl: repo.cloneUrl, defaultBranch: "main" });
  if (result.status !== "cloned") throw new Error(result.error);
  return result.dir;
}

/** Pushes a change to fix/sentry-SHOP-9 (or the next free name) with `trailer` in the message. */
async function push(trailer: string, content: string) {
  const dir = await checkout();
  writeFileSync(join(dir, "src/cart.js"), content);
  const snapshot = await snapshotChanges(dir, repo.headSha);
  if (snapshot.status !== "ok") throw new Error(snapshot.error);
  const pushed = await publishBranch({
    dir,
    tree: snapshot.tree,
    baseSha: repo.headSha,
    branch: "fix/sentry-SHOP-9",
    message: `fix: cart\n\n${trailer}`,
    author: BOT,
  });
  if (pushed.status !== "pushed") throw new Error(pushed.error);
  return pushed;
}

describe("findPublishedBranch", () => {
  it("finds the branch this run pushed among the numbered names, and nothing for another run", async () => {
    const other = await push("Suture-Run-Id: run-a", "export const cartTotal = () => 1;\n");
    const ours = await push("Suture-Run-Id: run-b", "export const cartTotal = () => 2;\n");
    expect([other.branch, ours.branch]).toEqual(["fix/sentry-SHOP-9", "fix/sentry-SHOP-9-2"]);

    const find = async (marker: string) =>
      findPublishedBranch({ dir: await checkout(), branch: "fix/sentry-SHOP-9", marker, remoteUrl: repo.cloneUrl });
    expect(await find("Suture-Run-Id: run-b")).toEqual({ branch: ours.branch, sha: ours.sha });
    expect(await find("Suture-Run-Id: run-a")).toEqual({ branch: other.branch, sha: other.sha });
    expect(await find("Suture-Run-Id: run-c")).toBeNull();
  });
});

import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGithubClient, findPullRequestForBranch, openDraftPullRequest } from "../src/index.ts";
import { type GithubDouble, startGithubDouble } from "../src/test-support/index.ts";
import { bareRepo, branchSha } from "./bare-repo.ts";

const repo = bareRepo(["fix/sentry-A", "fix/sentry-B"]);
let double: GithubDouble;
const draft = { owner: "acme", repo: "api", base: "main", title: "Fix", body: "Fixes it", labels: ["suture"] };
const octokit = () => createGithubClient({ token: "ghp_test" }, double.url);
const creates = (head: string) =>
  double.requests.filter((r) => r.method === "POST" && (r.body as { head?: string } | null)?.head === head);

beforeAll(async () => {
  double = await startGithubDouble({ repositories: { "acme/api": repo.gitDir } });
});
afterAll(async () => {
  await double.close();
  repo.remove();
});

describe("openDraftPullRequest on a head that already has a PR", () => {
  it("adopts the open PR a crashed attempt left behind, labels it, and creates nothing", async () => {
    // The earlier attempt got as far as creating the PR, not as far as labelling it.
    const first = await openDraftPullRequest(octokit(), { ...draft, head: "fix/sentry-A", labels: [] });
    expect(first).toMatchObject({ status: "opened", number: 1 });
    expect(await openDraftPullRequest(octokit(), { ...draft, head: "fix/sentry-A" })).toEqual({
      status: "opened",
      number: 1,
      url: `${double.url}/acme/api/pull/1`,
      headSha: branchSha(repo.gitDir, "fix/sentry-A"),
      adopted: true,
    });
    expect(creates("fix/sentry-A")).toHaveLength(1);
    expect(double.pulls.get("acme/api#1")?.labels.map((l) => l.name)).toEqual(["suture"]);
  });

  it("opens a new draft when the branch's earlier PR was closed", async () => {
    expect(await openDraftPullRequest(octokit(), { ...draft, head: "fix/sentry-B" })).toMatchObject({ number: 2 });
    double.setPull("acme", "api", 2, { state: "closed" });
    const again = await openDraftPullRequest(octokit(), { ...draft, head: "fix/sentry-B" });
    expect(again).toMatchObject({ status: "opened", number: 3 });
    expect(again).not.toHaveProperty("adopted");
    expect(creates("fix/sentry-B")).toHaveLength(2);
  });

  it("fails with GitHub's words, creating nothing, when the lookup is refused", async () => {
    const before = double.requests.length;
    const anonymous = new Octokit({ baseUrl: double.url });
    expect(await openDraftPullRequest(anonymous, { ...draft, head: "fix/sentry-A" })).toEqual({
      status: "failed",
      httpStatus: 401,
      error: "Bad credentials",
    });
    expect(double.requests.slice(before).map((r) => r.method)).toEqual(["GET"]);
  });
});

describe("findPullRequestForBranch", () => {
  const find = (branch: string) => findPullRequestForBranch(octokit(), { owner: "acme", repo: "web", branch });
  const fork = { name: "web-fork", full_name: "acme/web-fork", owner: { login: "acme" } };

  it("returns the newest PR on the branch in any state, skipping forks", async () => {
    expect(await find("fix/z")).toBeNull();
    double.setPull("acme", "web", 20, { head: { ref: "fix/z", sha: "a".repeat(40) }, merged: true });
    expect(await find("fix/z")).toEqual({
      number: 20,
      url: `${double.url}/acme/web/pull/20`,
      headSha: "a".repeat(40),
      prState: "merged",
    });
    double.setPull("acme", "web", 21, { head: { ref: "fix/z", sha: "b".repeat(40) }, draft: true });
    double.setPull("acme", "web", 22, { head: { ref: "fix/z", sha: "c".repeat(40), repo: fork } });
    double.setPull("acme", "web", 23, { head: { ref: "fix/other", sha: "d".repeat(40) } });
    expect(await find("fix/z")).toMatchObject({ number: 21, headSha: "b".repeat(40), prState: "draft" });
  });

  it.each([
    ["open PRs by default", {}, [23, 22, 21]],
    ["every state", { state: "all" }, [23, 22, 21, 20]],
    ["closed ones", { state: "closed" }, [20]],
    ["one owner's branch", { state: "all", head: "ACME:fix/z" }, [22, 21, 20]],
    ["nothing for another owner's branch", { head: "someone:fix/z" }, []],
    ["the filter ignored when head has no owner, as GitHub does", { head: "fix/z" }, [23, 22, 21]],
    ["one page at a time", { state: "all", per_page: 2, page: 2 }, [21, 20]],
  ])("the double lists %s", async (_label, query: Record<string, string | number>, numbers) => {
    const { data } = await octokit().request("GET /repos/{owner}/{repo}/pulls", {
      owner: "acme",
      repo: "web",
      ...query,
    });
    expect((data as { number: number }[]).map((p) => p.number)).toEqual(numbers);
  });

  it("rejects with GitHub's status for a bad state", async () => {
    await expect(octokit().request("GET /repos/acme/web/pulls?state=merged")).rejects.toMatchObject({ status: 422 });
  });
});

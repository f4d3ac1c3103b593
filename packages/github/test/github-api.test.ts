import { generateKeyPairSync } from "node:crypto";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGithubClient, getPullRequestStatus, openDraftPullRequest } from "../src/index.ts";
import { type GithubDouble, startGithubDouble } from "../src/test-support/index.ts";
import { bareRepo, branchSha } from "./bare-repo.ts";

const repo = bareRepo(["fix/sentry-A", "fix/sentry-B", "fix/sentry-C"]);
let double: GithubDouble;
const draft = { owner: "acme", repo: "api", base: "main", title: "Fix A", body: "Fixes A", labels: ["suture"] };

beforeAll(async () => {
  double = await startGithubDouble({ repositories: { "acme/api": repo.gitDir } });
});
afterAll(async () => {
  await double.close();
  repo.remove();
});

describe("openDraftPullRequest", () => {
  it("opens a labelled draft at the pushed commit", async () => {
    const octokit = createGithubClient({ token: "ghp_test" }, double.url);
    const result = await openDraftPullRequest(octokit, { ...draft, head: "fix/sentry-A" });
    expect(result).toEqual({
      status: "opened",
      number: 1,
      url: `${double.url}/acme/api/pull/1`,
      headSha: branchSha(repo.gitDir, "fix/sentry-A"),
    });
    expect(double.pulls.get("acme/api#1")).toMatchObject({
      draft: true,
      labels: [{ name: "suture" }],
      title: "Fix A",
      body: "Fixes A",
    });
    const create = double.requests.find((r) => r.method === "POST" && r.path === "/repos/acme/api/pulls");
    expect(create).toMatchObject({
      authorization: "token ghp_test",
      body: { draft: true, head: "fix/sentry-A", base: "main" },
    });
  });

  it.each([
    ["a head branch that was never pushed", "fix/sentry-missing", 422, "Validation Failed: head invalid"],
    ["a head with nothing new", "main", 422, "Validation Failed: No commits between main and main"],
  ])("reports %s as GitHub words it", async (_label, head, httpStatus, error) => {
    const octokit = createGithubClient({ token: "ghp_test" }, double.url);
    expect(await openDraftPullRequest(octokit, { ...draft, head })).toEqual({ status: "failed", httpStatus, error });
  });

  it("reports bad credentials without a token, and an unknown repository as not found", async () => {
    const anonymous = new Octokit({ baseUrl: double.url });
    expect(await openDraftPullRequest(anonymous, { ...draft, head: "fix/sentry-B" })).toEqual({
      status: "failed",
      httpStatus: 401,
      error: "Bad credentials",
    });
    const octokit = createGithubClient({ token: "ghp_test" }, double.url);
    expect(await openDraftPullRequest(octokit, { ...draft, repo: "nope", head: "fix/sentry-B" })).toMatchObject({
      httpStatus: 404,
    });
  });

  it("keeps the PR when the label is refused", async () => {
    const octokit = createGithubClient({ token: "ghp_test" }, double.url);
    const result = await openDraftPullRequest(octokit, { ...draft, head: "fix/sentry-B", labels: ["x".repeat(51)] });
    expect(result).toMatchObject({ status: "opened", number: 2, labelError: "Validation Failed: name invalid" });
    expect(double.pulls.get("acme/api#2")).toMatchObject({ draft: true, labels: [] });
  });

  it("authenticates as a GitHub App installation", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const octokit = createGithubClient({ appId: "123", privateKey: pem, installationId: "456" }, double.url);
    expect(await openDraftPullRequest(octokit, { ...draft, head: "fix/sentry-C", labels: [] })).toMatchObject({
      status: "opened",
    });
    const exchange = double.requests.find((r) => r.path === "/app/installations/456/access_tokens");
    expect(exchange?.authorization).toMatch(/^bearer ey/i);
    expect(double.requests.at(-1)).toMatchObject({
      path: "/repos/acme/api/pulls",
      authorization: "token ghs_double_installation_token",
    });
  });
});

describe("getPullRequestStatus", () => {
  const sha = "c".repeat(40);
  const status = (number: number) =>
    getPullRequestStatus(createGithubClient({ token: "t" }, double.url), { owner: "acme", repo: "web", number });

  it("reports a fresh draft with no reviews and no checks as such", async () => {
    double.setPull("acme", "web", 7, { draft: true, head: { ref: "fix/x", sha } });
    expect(await status(7)).toEqual({
      prState: "draft",
      headSha: sha,
      branch: "fix/x",
      reviewState: null,
      checksState: null,
    });
  });

  it("merges check runs and commit statuses: any failure, then anything unfinished", async () => {
    double.setPull("acme", "web", 8, { head: { ref: "fix/y", sha } });
    double.setChecks(sha, {
      checkRuns: [
        { name: "test", status: "completed", conclusion: "success" },
        { name: "lint", status: "in_progress" },
      ],
    });
    expect(await status(8)).toMatchObject({ prState: "open", checksState: "pending" });
    double.setChecks(sha, {
      checkRuns: [{ name: "test", status: "completed", conclusion: "skipped" }],
      statuses: [{ context: "ci", state: "error" }],
    });
    expect(await status(8)).toMatchObject({ checksState: "failure" });
    double.setChecks(sha, {
      checkRuns: [{ name: "test", status: "completed", conclusion: "neutral" }],
      statuses: [{ context: "ci", state: "success" }],
    });
    expect(await status(8)).toMatchObject({ checksState: "success" });
    double.setChecks(sha, { statuses: [{ context: "ci", state: "pending" }] });
    expect(await status(8)).toMatchObject({ checksState: "pending" });
  });

  it("takes the latest decisive review and follows merges and closes", async () => {
    double.setPull("acme", "web", 9);
    double.setReviews("acme", "web", 9, [
      { state: "APPROVED", submittedAt: "2026-01-01T00:01:00Z" },
      { state: "CHANGES_REQUESTED", submittedAt: "2026-01-01T00:02:00Z" },
      { state: "COMMENTED", submittedAt: "2026-01-01T00:03:00Z" },
      { state: "PENDING" },
    ]);
    expect(await status(9)).toMatchObject({ prState: "open", reviewState: "changes_requested" });
    expect(double.setPull("acme", "web", 9, { merged: true })).toMatchObject({
      state: "closed",
      merged_at: expect.any(String),
    });
    expect(await status(9)).toMatchObject({ prState: "merged" });
    double.setPull("acme", "web", 10, { state: "closed" });
    expect(await status(10)).toMatchObject({ prState: "closed" });
  });

  it("rejects with GitHub's status for a PR that does not exist", async () => {
    await expect(status(404)).rejects.toMatchObject({ status: 404 });
  });
});

import type { Octokit } from "@octokit/rest";
import { z } from "zod";

export interface RangeCommit {
  sha: string;
  message: string;
  author: string | null;
  url: string | null;
  files: string[];
}

export interface CommitRange {
  commits: RangeCommit[];
  /** Commits in the range beyond those returned (GitHub's compare lists at most 250). */
  omitted: number;
}

// Only what Suture reads; GitHub's other fields pass through unchecked.
const commitJson = z.looseObject({
  sha: z.string().regex(/^[0-9a-f]{40}$/i),
  html_url: z.string().nullish(),
  commit: z.looseObject({
    message: z.string(),
    author: z.looseObject({ name: z.string().nullish() }).nullish(),
  }),
  author: z.looseObject({ login: z.string() }).nullish(),
});
const compareJson = z.looseObject({ total_commits: z.number().int().min(0), commits: z.array(commitJson) });
const commitFilesJson = z.looseObject({ files: z.array(z.looseObject({ filename: z.string() })).default([]) });

const MAX_MESSAGE = 2000;

/**
 * The commits between two commits (`base...head`, oldest first), each with the files it
 * changed. Files are read per commit (the compare endpoint only sums them up) for the newest
 * `maxWithFiles` commits; older ones come with none. A failed call rejects with Octokit's
 * RequestError; an answer not shaped as GitHub documents rejects naming the field.
 */
export async function compareCommits(
  octokit: Octokit,
  range: { owner: string; repo: string; base: string; head: string; maxWithFiles?: number },
): Promise<CommitRange> {
  const { owner, repo } = range;
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead: `${range.base}...${range.head}`,
    per_page: 250,
  });
  const compare = compareJson.parse(data);
  const withFiles = new Set(compare.commits.slice(-(range.maxWithFiles ?? 30)).map((c) => c.sha));
  const commits: RangeCommit[] = [];
  for (const commit of compare.commits) {
    const files = withFiles.has(commit.sha) ? await changedFiles(octokit, { owner, repo, sha: commit.sha }) : [];
    commits.push({
      sha: commit.sha.toLowerCase(),
      message: commit.commit.message.slice(0, MAX_MESSAGE),
      author: commit.author?.login ?? commit.commit.author?.name ?? null,
      url: commit.html_url ?? null,
      files,
    });
  }
  return { commits, omitted: Math.max(0, compare.total_commits - compare.commits.length) };
}

async function changedFiles(octokit: Octokit, at: { owner: string; repo: string; sha: string }): Promise<string[]> {
  const { data } = await octokit.rest.repos.getCommit({ owner: at.owner, repo: at.repo, ref: at.sha, per_page: 300 });
  return commitFilesJson.parse(data).files.map((file) => file.filename);
}

import { type Db, firstReleaseOfIssue, getWorkspaceDeployment, introducedIn } from "@suture/db";
import { cleanFramePath } from "../fixes/map-frames.ts";
import { githubWebHost, safeHttpsUrl } from "../links/safe-https-url.ts";
import { suspectCommits } from "../releases/suspects.ts";
import { type DeploymentView, deploymentViewOf, shortSha } from "./deployment-view.ts";
import type { IssueEvent } from "./issue-event.ts";

export interface SuspectView {
  sha: string;
  shortSha: string;
  /** The message's first line. */
  title: string;
  author: string | null;
  url: string | null;
  /** The in-app frame files it changed, crashing frame's first. */
  touched: string[];
}

/** Where an issue came in: the release it was first seen in, the deployment that shipped it there, the suspects. */
export type IssueDeployment =
  | { status: "no_release" }
  | { status: "not_deployed"; release: string; environment: string | null }
  | {
      status: "deployed";
      release: string;
      deployment: DeploymentView;
      /** The start of the suspect range: the previous successful deployment of that environment. */
      previous: { release: string; shortSha: string | null } | null;
      /** Commits of the range that changed a file of the event's in-app frames, most suspect first. */
      suspects: SuspectView[];
      /** How many in-app frame files the suspects were looked for in. */
      frameFiles: number;
    };

export async function getIssueDeployment(
  db: Db,
  { workspaceId, sentryIssueId, event }: { workspaceId: string; sentryIssueId: string; event: IssueEvent | null },
): Promise<IssueDeployment> {
  const first = await firstReleaseOfIssue(db, { workspaceId, sentryIssueId });
  if (!first) return { status: "no_release" };
  const deployment = (await introducedIn(db, { workspaceId, ...first })) ?? null;
  if (!deployment) return { status: "not_deployed", ...first };
  const previous = deployment.previousDeploymentId
    ? await getWorkspaceDeployment(db, { workspaceId, id: deployment.previousDeploymentId })
    : null;
  const paths = framePaths(event);
  const suspects = suspectCommits(deployment.commits ?? [], paths).map((commit) => ({
    sha: commit.sha,
    shortSha: shortSha(commit.sha),
    title: commit.message.split("\n", 1)[0] ?? "",
    author: commit.author,
    url: safeHttpsUrl(commit.url, [githubWebHost()]),
    touched: commit.touched,
  }));
  return {
    status: "deployed",
    release: first.release,
    deployment: deploymentViewOf(deployment),
    previous: previous
      ? { release: previous.release, shortSha: previous.commitSha ? shortSha(previous.commitSha) : null }
      : null,
    suspects,
    frameFiles: new Set(paths).size,
  };
}

/**
 * The event's in-app frame files, crashing frame first: the repository path the code mappings
 * give, else the frame's own path (a JavaScript `app:///src/cart.ts` still ends like the file).
 */
function framePaths(event: IssueEvent | null): string[] {
  const frames = event?.exceptions.flatMap((exception) => exception.frames) ?? [];
  return frames.flatMap((frame) => {
    if (!frame.inApp) return [];
    const raw = frame.absPath ?? frame.filename;
    const path = frame.repoPath ?? (raw ? cleanFramePath(raw) : null);
    return path ? [path] : [];
  });
}

import {
  type IntroducedIssue,
  listDeploymentEnvironments,
  listEnvironmentDeployments,
  listIntroducedIssues,
  type TimelineDeployment,
} from "@suture/db";
import type { WorkspaceScope } from "../auth/roles.ts";
import { getDb } from "../database.ts";
import { type DeploymentView, deploymentViewOf } from "./deployment-view.ts";
import { decodeIssueCursor, encodeIssueCursor } from "./issue-list.ts";

export type TimelineEntry = DeploymentView & {
  /** The issues first seen after this deployment (capped), and how many there are in all. */
  introduced: { total: number; issues: Pick<IntroducedIssue, "id" | "shortId" | "title">[] };
};

export interface EnvironmentTimeline {
  /** Null: deployments recorded without an environment. */
  environment: string | null;
  /** Newest first. */
  deployments: TimelineEntry[];
  /** Opaque: the next (older) page of this environment, or null when there is none. */
  olderCursor: string | null;
}

export interface DeploymentsQuery {
  /** Undefined: every environment's latest; a string or null: that environment alone, a page at a time. */
  environment?: string | null;
  before?: string | null;
}

export interface DeploymentsPage {
  timelines: EnvironmentTimeline[];
  /** Whether the page shows one environment's (older) deployments. */
  single: boolean;
}

const OVERVIEW_PER_ENVIRONMENT = 10;
const PAGE = 50;
const MAX_ENVIRONMENTS = 20;
const ISSUES_PER_DEPLOYMENT = 5;

/** `?environment=` ("" is the deployments without one) and `?before=` of the deployments page. */
export function parseDeploymentsQuery(params: Record<string, string | string[] | undefined>): DeploymentsQuery {
  const { environment, before } = params;
  if (typeof environment !== "string") return {};
  return { environment: environment === "" ? null : environment, before: typeof before === "string" ? before : null };
}

/**
 * The scope's deployments per environment, newest first, each with the issues it introduced: every
 * environment's latest, or one environment a page at a time.
 */
export async function getDeploymentsPage(scope: WorkspaceScope, query: DeploymentsQuery): Promise<DeploymentsPage> {
  const db = await getDb();
  const { workspaceId } = scope;
  const single = query.environment !== undefined;
  const environments = single
    ? [query.environment ?? null]
    : (await listDeploymentEnvironments(db, { workspaceId, limit: MAX_ENVIRONMENTS })).map((e) => e.environment);
  const limit = single ? PAGE : OVERVIEW_PER_ENVIRONMENT;
  const before = single ? decodeIssueCursor(query.before ?? null) : null;
  const pages = await Promise.all(
    environments.map((environment) =>
      listEnvironmentDeployments(db, { workspaceId, environment, before, limit: limit + 1 }),
    ),
  );
  const shown = pages.map((rows) => rows.slice(0, limit));
  const introduced = await listIntroducedIssues(db, {
    workspaceId,
    deploymentIds: shown.flat().map((d) => d.id),
    perDeployment: ISSUES_PER_DEPLOYMENT,
  });
  const timelines = environments.map((environment, i) => ({
    environment,
    deployments: (shown[i] ?? []).map((d) => entryOf(d, introduced)),
    olderCursor: olderCursor(pages[i] ?? [], limit),
  }));
  return { timelines: timelines.filter((t) => single || t.deployments.length > 0), single };
}

function entryOf(deployment: TimelineDeployment, introduced: IntroducedIssue[]): TimelineEntry {
  const mine = introduced.filter((issue) => issue.deploymentId === deployment.id);
  return {
    ...deploymentViewOf(deployment),
    introduced: {
      total: mine[0]?.total ?? 0,
      issues: mine.map(({ id, shortId, title }) => ({ id, shortId, title })),
    },
  };
}

function olderCursor(rows: TimelineDeployment[], limit: number): string | null {
  const last = rows[limit - 1];
  return rows.length > limit && last ? encodeIssueCursor({ key: last.deployedAtKey, id: last.id }) : null;
}

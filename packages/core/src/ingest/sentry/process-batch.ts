import {
  type Db,
  type Delivery,
  insertObservations,
  lockPendingDeliveries,
  markDeliveries,
  mergeIssueValues,
  type NewObservation,
  type SentryIssueValues,
  storableJson,
  upsertInstallation,
  upsertSentryIssues,
} from "@suture/db";
import type { SentryIssueUpsert } from "@suture/sentry";
import { type NormalizedDelivery, normalizeDelivery } from "./normalize-delivery.ts";
import { routeWorkspace, type WorkspaceRoute } from "../../workspaces/route-workspace.ts";
import { SYNC_HEADER, SYNC_SOURCE } from "../../sentry-sync/recovered-delivery.ts";

export type ProcessOutcome =
  | { deliveryId: string; status: "processed"; observationId: string | null; workspaceId: string | null }
  | { deliveryId: string; status: "unrouted" | "ignored" | "failed" | "skipped"; reason: string };

type Settled = { status: "failed" | "ignored" | "unrouted"; reason: string };
type Normalized = { delivery: Delivery; normalized: NormalizedDelivery }[];
type PendingObservation = { observation: NewObservation; issueKey: string | null };

/** Where the locked deliveries of a batch go, decided one by one before anything is written. */
interface RoutedBatch {
  settled: Map<string, Settled>;
  /** delivery → workspace */
  processed: Map<string, string | null>;
  issues: Map<string, SentryIssueValues>;
  pending: PendingObservation[];
}

/**
 * Turns a batch of claimed deliveries (see `claimPendingDeliveries`) into observations,
 * set-wise: one lock, one issue upsert, one observation insert, a few status updates — whatever
 * the batch size. Only `pending` rows are touched and observations are unique per delivery, so
 * running a batch twice, or two overlapping batches, makes each observation once.
 */
export async function processBatch(
  db: Db,
  candidates: readonly Delivery[],
  autoRoute: boolean,
): Promise<ProcessOutcome[]> {
  const normalized = await normalizeBatch(candidates);
  return db.transaction(async (tx) => {
    const locked = new Set(await lockPendingDeliveries(tx, { ids: normalized.map(({ delivery }) => delivery.id) }));
    const outcomes: ProcessOutcome[] = candidates
      .filter((d) => !locked.has(d.id))
      .map((d) => ({
        deliveryId: d.id,
        status: "skipped",
        reason: "not pending (already processed, or being processed)",
      }));
    const deliveries = normalized.filter(({ delivery }) => locked.has(delivery.id));
    const routed = await routeBatch(tx, deliveries, autoRoute);
    outcomes.push(...(await persistBatch(tx, routed)));
    return outcomes;
  });
}

/**
 * Parses and normalizes before the transaction, yielding now and then: this runs on the thread
 * that answers Sentry, and holds no database connection the acks need. What a delivery means is
 * made storable here, once, before any of it reaches a query (the routing lookups included):
 * text from the monitored app may hold NUL or lone surrogates.
 */
async function normalizeBatch(candidates: readonly Delivery[]): Promise<Normalized> {
  const normalized: Normalized = [];
  for (const [index, delivery] of candidates.entries()) {
    if (index % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    normalized.push({ delivery, normalized: storableJson(normalizeDelivery(delivery)) });
  }
  return normalized;
}

/** Workspace routes, cached per installation and project for the rest of the batch. */
function workspaceRouter(tx: Db, autoRoute: boolean) {
  const routes = new Map<string, Promise<WorkspaceRoute>>();
  return {
    route(installationUuid: string | null, project: { slug: string | null; id: string | null }) {
      const key = `${installationUuid}|${project.slug}|${project.id}`;
      let route = routes.get(key);
      if (!route) {
        route = routeWorkspace(tx, installationUuid, project, autoRoute);
        routes.set(key, route);
      }
      return route;
    },
    clear: () => routes.clear(),
  };
}

/**
 * Each locked delivery, in order: failed and ignored ones settled, installations recorded and
 * routed, observations assigned to their workspace (or left unrouted), their issues merged.
 */
async function routeBatch(tx: Db, deliveries: Normalized, autoRoute: boolean): Promise<RoutedBatch> {
  const router = workspaceRouter(tx, autoRoute);
  const batch: RoutedBatch = { settled: new Map(), processed: new Map(), issues: new Map(), pending: [] };
  for (const { delivery, normalized: normalizedDelivery } of deliveries) {
    if (normalizedDelivery.status === "failed" || normalizedDelivery.status === "ignored") {
      batch.settled.set(delivery.id, { status: normalizedDelivery.status, reason: normalizedDelivery.reason });
    } else if (normalizedDelivery.status === "installation") {
      await upsertInstallation(tx, {
        uuid: normalizedDelivery.installationUuid,
        orgSlug: normalizedDelivery.orgSlug,
        appSlug: normalizedDelivery.appSlug,
        status: normalizedDelivery.action === "deleted" ? "deleted" : "active",
      });
      router.clear(); // the installation's mapping may have just changed
      const routed = await router.route(normalizedDelivery.installationUuid, { slug: null, id: null });
      batch.processed.set(delivery.id, routed.workspaceId);
    } else {
      const routed = await router.route(delivery.installationUuid, {
        slug: normalizedDelivery.projectSlug,
        id: normalizedDelivery.projectId,
      });
      if (!routed.workspaceId) {
        const who = delivery.installationUuid ?? "(none)";
        batch.settled.set(delivery.id, {
          status: "unrouted",
          reason: `installation ${who} is not mapped to a workspace`,
        });
        continue;
      }
      addObservation(batch, delivery, normalizedDelivery, routed.workspaceId);
    }
  }
  return batch;
}

/** An observation routed to its workspace: its issue merged into the batch's, its row pending. */
function addObservation(
  batch: RoutedBatch,
  delivery: Delivery,
  normalized: Extract<NormalizedDelivery, { status: "observation" }>,
  workspaceId: string,
): void {
  const issueKey = normalized.issue ? `${workspaceId}|${normalized.issue.id}` : null;
  if (normalized.issue && issueKey) {
    const values = issueValues(workspaceId, normalized.issue);
    const known = batch.issues.get(issueKey);
    batch.issues.set(issueKey, known ? mergeIssueValues(known, values) : values);
  }
  const { observation } = normalized;
  batch.pending.push({
    issueKey,
    observation: {
      workspaceId,
      deliveryId: delivery.id,
      source: delivery.headers[SYNC_HEADER] === SYNC_SOURCE ? SYNC_SOURCE : "sentry",
      sourceType: observation.sourceType,
      sourceId: observation.sourceId,
      title: observation.title,
      body: observation.body,
      actor: observation.actor,
      occurredAt: toDate(observation.occurredAt) ?? delivery.receivedAt,
      references: observation.references,
      metadata: observation.metadata,
      release: observation.metadata.release,
      environment: observation.metadata.environment,
    },
  });
  batch.processed.set(delivery.id, workspaceId);
}

/** One issue upsert, one observation insert, the status updates grouped; the outcomes in order. */
async function persistBatch(tx: Db, { settled, processed, issues, pending }: RoutedBatch): Promise<ProcessOutcome[]> {
  const issueIds = new Map(
    (await upsertSentryIssues(tx, { issues: [...issues.values()] })).map((row) => [
      `${row.workspaceId}|${row.sentryIssueId}`,
      row.id,
    ]),
  );
  const inserted = await insertObservations(tx, {
    observations: pending.map(({ observation, issueKey }) => ({
      ...observation,
      sentryIssueId: issueKey ? issueIds.get(issueKey) : null,
    })),
  });
  const observationOf = new Map(inserted.map((row) => [row.deliveryId, row.id]));

  const outcomes: ProcessOutcome[] = [];
  for (const [workspaceId, deliveryIds] of groupBy(processed)) {
    await markDeliveries(tx, { ids: deliveryIds, status: "processed", workspaceId });
  }
  for (const [deliveryId, { status, reason }] of settled) {
    await markDeliveries(tx, { ids: [deliveryId], status, error: reason });
    outcomes.push({ deliveryId, status, reason });
  }
  for (const [deliveryId, workspaceId] of processed) {
    outcomes.push({
      deliveryId,
      status: "processed",
      observationId: observationOf.get(deliveryId) ?? null,
      workspaceId,
    });
  }
  return outcomes;
}

function issueValues(workspaceId: string, issue: SentryIssueUpsert): SentryIssueValues {
  const { id, firstSeen, lastSeen, ...rest } = issue;
  return { ...rest, workspaceId, sentryIssueId: id, firstSeen: toDate(firstSeen), lastSeen: toDate(lastSeen) };
}

function groupBy(map: Map<string, string | null>): Map<string | null, string[]> {
  const groups = new Map<string | null, string[]>();
  for (const [key, value] of map) groups.set(value, [...(groups.get(value) ?? []), key]);
  return groups;
}

function toDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

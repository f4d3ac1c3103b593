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

export type ProcessOutcome =
  | { deliveryId: string; status: "processed"; observationId: string | null; workspaceId: string | null }
  | { deliveryId: string; status: "unrouted" | "ignored" | "failed" | "skipped"; reason: string };

type Settled = { status: "failed" | "ignored" | "unrouted"; reason: string };

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
  // Parse and normalize before the transaction, yielding now and then: this runs on the
  // thread that answers Sentry, and holds no database connection the acks need. What a
  // delivery means is made storable here, once, before any of it reaches a query (the routing
  // lookups included): text from the monitored app may hold NUL or lone surrogates.
  const normalized = new Map<string, NormalizedDelivery>();
  for (const [index, delivery] of candidates.entries()) {
    if (index % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    normalized.set(delivery.id, storableJson(normalizeDelivery(delivery)));
  }
  return db.transaction(async (tx) => {
    const locked = new Set(await lockPendingDeliveries(tx, [...normalized.keys()]));
    const deliveries = candidates.filter((d) => locked.has(d.id));
    const outcomes: ProcessOutcome[] = candidates
      .filter((d) => !locked.has(d.id))
      .map((d) => ({
        deliveryId: d.id,
        status: "skipped",
        reason: "not pending (already processed, or being processed)",
      }));

    const routes = new Map<string, Promise<WorkspaceRoute>>();
    const route = (installationUuid: string | null, project: { slug: string | null; id: string | null }) => {
      const key = `${installationUuid}|${project.slug}|${project.id}`;
      if (!routes.has(key)) routes.set(key, routeWorkspace(tx, installationUuid, project, autoRoute));
      return routes.get(key)!;
    };

    const settled = new Map<string, Settled>();
    const processed = new Map<string, string | null>(); // delivery → workspace
    const issues = new Map<string, SentryIssueValues>();
    const pending: { observation: NewObservation; issueKey: string | null }[] = [];

    for (const delivery of deliveries) {
      const normalizedDelivery = normalized.get(delivery.id)!;
      if (normalizedDelivery.kind === "failed" || normalizedDelivery.kind === "ignored") {
        settled.set(delivery.id, { status: normalizedDelivery.kind, reason: normalizedDelivery.reason });
      } else if (normalizedDelivery.kind === "installation") {
        await upsertInstallation(tx, {
          uuid: normalizedDelivery.installationUuid,
          orgSlug: normalizedDelivery.orgSlug,
          appSlug: normalizedDelivery.appSlug,
          status: normalizedDelivery.action === "deleted" ? "deleted" : "active",
        });
        routes.clear(); // the installation's mapping may have just changed
        const routed = await route(normalizedDelivery.installationUuid, { slug: null, id: null });
        processed.set(delivery.id, routed.workspaceId);
      } else {
        const routed = await route(delivery.installationUuid, {
          slug: normalizedDelivery.projectSlug,
          id: normalizedDelivery.projectId,
        });
        if (!routed.workspaceId) {
          const who = delivery.installationUuid ?? "(none)";
          settled.set(delivery.id, { status: "unrouted", reason: `installation ${who} is not mapped to a workspace` });
          continue;
        }
        const issueKey = normalizedDelivery.issue ? `${routed.workspaceId}|${normalizedDelivery.issue.id}` : null;
        if (normalizedDelivery.issue && issueKey) {
          const values = issueValues(routed.workspaceId, normalizedDelivery.issue);
          const known = issues.get(issueKey);
          issues.set(issueKey, known ? mergeIssueValues(known, values) : values);
        }
        const { observation } = normalizedDelivery;
        pending.push({
          issueKey,
          observation: {
            workspaceId: routed.workspaceId,
            deliveryId: delivery.id,
            source: "sentry",
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
        processed.set(delivery.id, routed.workspaceId);
      }
    }

    const issueIds = new Map(
      (await upsertSentryIssues(tx, [...issues.values()])).map((row) => [
        `${row.workspaceId}|${row.sentryIssueId}`,
        row.id,
      ]),
    );
    const inserted = await insertObservations(
      tx,
      pending.map(({ observation, issueKey }) => ({
        ...observation,
        sentryIssueId: issueKey ? issueIds.get(issueKey) : null,
      })),
    );
    const observationOf = new Map(inserted.map((row) => [row.deliveryId, row.id]));

    for (const [workspaceId, deliveryIds] of groupBy(processed)) {
      await markDeliveries(tx, deliveryIds, "processed", { workspaceId });
    }
    for (const [deliveryId, { status, reason }] of settled) {
      await markDeliveries(tx, [deliveryId], status, { error: reason });
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
  });
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

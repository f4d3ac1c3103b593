import {
  type Db,
  insertObservation,
  lockDelivery,
  markDelivery,
  upsertInstallation,
  upsertSentryIssue,
} from "@suture/db";
import { type Normalized, normalize, parseEnvelope, SentryPayloadError } from "@suture/sentry";
import { resolveWorkspace } from "./resolve-workspace.ts";

export type ProcessOutcome =
  | { deliveryId: string; status: "processed"; observationId: string | null; workspaceId: string | null }
  | { deliveryId: string; status: "unrouted" | "ignored" | "failed"; reason: string }
  | { deliveryId: string; status: "skipped"; reason: string };

/**
 * Turns one stored delivery into its observation, in one transaction. The row lock and the
 * `pending` check make it idempotent: a sweeper re-announcement or a retried step that
 * reaches an already processed delivery does nothing.
 */
export async function processDelivery(db: Db, deliveryId: string, autoRoute: boolean): Promise<ProcessOutcome> {
  return db.transaction(async (tx) => {
    const delivery = await lockDelivery(tx, deliveryId);
    if (!delivery) return { deliveryId, status: "skipped", reason: "no such delivery" };
    if (delivery.status !== "pending") return { deliveryId, status: "skipped", reason: `already ${delivery.status}` };

    const fail = async (status: "failed" | "ignored" | "unrouted", reason: string): Promise<ProcessOutcome> => {
      await markDelivery(tx, deliveryId, status, { error: reason });
      return { deliveryId, status, reason };
    };

    const parsed = parseEnvelope(JSON.parse(delivery.rawBody));
    if (!parsed.ok) return fail("failed", parsed.error);
    let normalized: Normalized;
    try {
      normalized = normalize(delivery.resource, parsed.envelope, { receivedAt: delivery.receivedAt.toISOString() });
    } catch (error) {
      if (error instanceof SentryPayloadError) return fail("failed", error.message);
      throw error;
    }

    if (normalized.kind === "ignored") return fail("ignored", normalized.reason);
    if (normalized.kind === "installation") {
      await upsertInstallation(tx, {
        uuid: normalized.installationUuid,
        orgSlug: normalized.orgSlug,
        appSlug: normalized.appSlug,
        status: normalized.action === "deleted" ? "deleted" : "active",
      });
      const route = await resolveWorkspace(tx, normalized.installationUuid, { slug: null, id: null }, autoRoute);
      await markDelivery(tx, deliveryId, "processed", { workspaceId: route.workspaceId });
      return { deliveryId, status: "processed", observationId: null, workspaceId: route.workspaceId };
    }

    const route = await resolveWorkspace(
      tx,
      delivery.installationUuid,
      { slug: normalized.projectSlug, id: normalized.projectId },
      autoRoute,
    );
    if (!route.workspaceId) {
      return fail("unrouted", `installation ${delivery.installationUuid ?? "(none)"} is not mapped to a workspace`);
    }
    const { observation, issue } = normalized;
    const sentryIssueId = issue
      ? await upsertSentryIssue(tx, {
          workspaceId: route.workspaceId,
          sentryIssueId: issue.id,
          shortId: issue.shortId,
          projectId: issue.projectId,
          projectSlug: issue.projectSlug,
          title: issue.title,
          culprit: issue.culprit,
          level: issue.level,
          status: issue.status,
          substatus: issue.substatus,
          platform: issue.platform,
          eventCount: issue.eventCount,
          userCount: issue.userCount,
          firstSeen: toDate(issue.firstSeen),
          lastSeen: toDate(issue.lastSeen),
          webUrl: issue.webUrl,
        })
      : null;
    const observationId = await insertObservation(tx, {
      workspaceId: route.workspaceId,
      deliveryId,
      sentryIssueId,
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
    });
    await markDelivery(tx, deliveryId, "processed", { workspaceId: route.workspaceId });
    return { deliveryId, status: "processed", observationId: observationId ?? null, workspaceId: route.workspaceId };
  });
}

function toDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

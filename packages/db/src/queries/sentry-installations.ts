import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { observations, sentryInstallations, sentryIssues, sentrySyncs, webhookDeliveries } from "../schema/index.ts";

export type SentrySync = typeof sentrySyncs.$inferSelect;

/**
 * Stores an installation's own credentials (already sealed by the caller). A field left
 * undefined keeps what is stored; null clears it. The row is made if Sentry never announced it.
 */
export async function setInstallationCredentials(
  db: Db,
  values: { uuid: string; orgSlug?: string | null; authToken?: string | null; clientSecret?: string | null },
): Promise<void> {
  const set = {
    ...(values.orgSlug !== undefined ? { orgSlug: values.orgSlug } : {}),
    ...(values.authToken !== undefined ? { authToken: values.authToken } : {}),
    ...(values.clientSecret !== undefined ? { clientSecret: values.clientSecret } : {}),
  };
  await db
    .insert(sentryInstallations)
    .values({ uuid: values.uuid, ...set })
    .onConflictDoUpdate({ target: sentryInstallations.uuid, set: { ...set, updatedAt: new Date() } });
}

export interface InstallationCredentials {
  uuid: string;
  orgSlug: string | null;
  workspaceId: string | null;
  /** Sealed (`v1:`), or a legacy plaintext value; null when the installation has none of its own. */
  authToken: string | null;
  clientSecret: string | null;
  status: "active" | "deleted";
}

const credentialColumns = {
  uuid: sentryInstallations.uuid,
  orgSlug: sentryInstallations.orgSlug,
  workspaceId: sentryInstallations.workspaceId,
  authToken: sentryInstallations.authToken,
  clientSecret: sentryInstallations.clientSecret,
  status: sentryInstallations.status,
};

/** Every installation with what it holds, oldest first: the settings page and the sync. */
export async function listInstallationCredentials(db: Db): Promise<InstallationCredentials[]> {
  return db.select(credentialColumns).from(sentryInstallations).orderBy(asc(sentryInstallations.createdAt));
}

/** One installation's credentials. */
export async function getInstallationCredentials(
  db: Db,
  { uuid }: { uuid: string },
): Promise<InstallationCredentials | undefined> {
  const [row] = await db.select(credentialColumns).from(sentryInstallations).where(eq(sentryInstallations.uuid, uuid));
  return row;
}

/** The active installation of an organization (the oldest, if Sentry installed the app twice). */
export async function findOrganizationInstallation(
  db: Db,
  { orgSlug }: { orgSlug: string },
): Promise<InstallationCredentials | undefined> {
  const [row] = await db
    .select(credentialColumns)
    .from(sentryInstallations)
    .where(and(eq(sentryInstallations.orgSlug, orgSlug), eq(sentryInstallations.status, "active")))
    .orderBy(asc(sentryInstallations.createdAt))
    .limit(1);
  return row;
}

/** The installation whose deliveries told Suture about this issue (its newest observation's). */
export async function issueInstallationUuid(
  db: Db,
  { workspaceId, sentryIssueId }: { workspaceId: string; sentryIssueId: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ uuid: webhookDeliveries.installationUuid })
    .from(observations)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, observations.deliveryId))
    .where(
      and(
        eq(observations.workspaceId, workspaceId),
        eq(observations.sentryIssueId, sentryIssueId),
        isNotNull(webhookDeliveries.installationUuid),
      ),
    )
    .orderBy(desc(observations.occurredAt))
    .limit(1);
  return row?.uuid ?? undefined;
}

/** What Suture knows of these Sentry issue ids, in any workspace: its last status of each. */
export async function knownIssueStatuses(
  db: Db,
  { sentryIssueIds }: { sentryIssueIds: string[] },
): Promise<Map<string, string | null>> {
  if (sentryIssueIds.length === 0) return new Map();
  const rows = await db
    .select({ id: sentryIssues.sentryIssueId, status: sentryIssues.status })
    .from(sentryIssues)
    .where(inArray(sentryIssues.sentryIssueId, sentryIssueIds));
  const known = new Map<string, string | null>();
  // One workspace still thinking it resolved is enough for a regression to be news.
  for (const row of rows) if (!known.has(row.id) || row.status !== "unresolved") known.set(row.id, row.status);
  return known;
}

export async function getSentrySync(db: Db, { orgSlug }: { orgSlug: string }): Promise<SentrySync | undefined> {
  const [row] = await db.select().from(sentrySyncs).where(eq(sentrySyncs.orgSlug, orgSlug));
  return row;
}

/** How a sync run of an organization went; `syncedUntil` only moves when the run read everything. */
export async function recordSentrySync(
  db: Db,
  values: { orgSlug: string; syncedUntil: Date | null; lastRunAt: Date; lastError: string | null; recovered: number },
): Promise<void> {
  const progress = values.syncedUntil ? { syncedUntil: values.syncedUntil } : {};
  await db
    .insert(sentrySyncs)
    .values({ ...values, syncedUntil: values.syncedUntil })
    .onConflictDoUpdate({
      target: sentrySyncs.orgSlug,
      set: {
        ...progress,
        lastRunAt: values.lastRunAt,
        lastError: values.lastError,
        recovered: sql`${sentrySyncs.recovered} + ${values.recovered}`,
      },
    });
}

export { receiveSentryWebhook } from "./ingest/receive-sentry-webhook.ts";
export { describeReceiveFailure, MAX_BODY_BYTES, type ReceiveResult } from "./ingest/receive-result.ts";
export { announceDelivery } from "./ingest/announce-delivery.ts";
export { processDeliveries } from "./ingest/process-deliveries.ts";
export { type ProcessOutcome } from "./ingest/process-batch.ts";
export { routeSentryInstallation } from "./ingest/route-installation.ts";
export { recordDeployment, type DeploymentInput } from "./releases/record-deployment.ts";
export { linkReleases } from "./releases/link-releases.ts";
export { getOverview, type Overview } from "./dashboard/get-overview.ts";
export { startSuture, type StartupReport } from "./startup.ts";
export { getDb, closeDb } from "./database.ts";
export { triageObservations, type TriageOutcome } from "./fixes/triage-observations.ts";
export { approveFixRun, rejectFixRun, type DecisionResult } from "./fixes/decide-fix-run.ts";
export { connectRepository, type ConnectRepositoryResult } from "./fixes/connect-repository.ts";
export { startFixRun, type StartResult } from "./fixes/dispatch/start-fix-run.ts";
export { gatherFixContext, type FixContext } from "./fixes/dispatch/gather-fix-context.ts";
export { prepareFix, type PrepareResult } from "./fixes/dispatch/prepare-fix.ts";
export { openFixPullRequest, type OpenPullRequestResult } from "./fixes/dispatch/open-fix-pull-request.ts";
export { agentConfigurationError, agentSettings, type AgentSettings } from "./fixes/dispatch/agent-settings.ts";
export { setWorkspacePolicy, type SetPolicyResult } from "./fixes/set-workspace-policy.ts";
export { sentryApi } from "./sentry/sentry-api.ts";
export { recordSeerRuns, type SeerRunOutcome } from "./fixes/seer-runs.ts";
export { resolveFixedIssue, type ResolveResult } from "./fixes/resolve-on-merge.ts";
export { linkSentryIssue, type LinkResult } from "./fixes/link-sentry-issue.ts";
export { dispatchViaSeer, type SeerDispatchResult } from "./fixes/dispatch-via-seer.ts";
export { receiveGithubWebhook } from "./github/receive-github-webhook.ts";
export { announceGithubDelivery } from "./github/announce-github-delivery.ts";
export { handleGithubDelivery, type GithubDeliveryOutcome } from "./github/handle-github-delivery.ts";
export { applyGithubUpdate, type ApplyResult, type AppliedRun } from "./github/apply-github-update.ts";
export { reconcilePullRequests, type ReconcileResult } from "./github/reconcile-pull-requests.ts";
export { githubClient } from "./github/github-client.ts";
export { notifyFix, type NotifyResult } from "./fixes/dispatch/notify-fix.ts";
export {
  getAuth,
  getSessionUser,
  handleAuthRequest,
  githubSignIn,
  isHttps,
  SIGN_IN_ATTEMPTS_PER_MINUTE,
  type SignedInUser,
} from "./auth/auth.ts";
export { authSecret, AUTH_SECRET_REQUIRED } from "./auth/auth-secret.ts";
export { can, ROLES, type Actor, type Permission, type Role, type WorkspaceScope } from "./auth/roles.ts";
export { addUser, newUserInput, MIN_PASSWORD_LENGTH, type AddUserResult } from "./auth/users.ts";
export {
  completeSetup,
  prepareSetupLink,
  setupTokenFile,
  setupUrl,
  setupTokenValid,
  type SetupResult,
} from "./auth/setup-link.ts";
export { listMyWorkspaces, loadWorkspaceScope } from "./auth/membership.ts";
export { getWorkspaceOverview } from "./dashboard/workspace-overview.ts";
export { getFixRunPage, type FixRunPage } from "./dashboard/fix-run-page.ts";
export { getAuditLog, type AuditLogResult } from "./dashboard/audit-log.ts";
export { decideFixRunAsMember, decisionInput, type MemberDecisionResult } from "./fixes/decide-as-member.ts";
export {
  listMembers,
  memberInput,
  saveMember,
  type MembersResult,
  type MemberChangeResult,
} from "./members/manage-members.ts";
export { recordAudit, type AuditInput } from "./audit/record-audit.ts";

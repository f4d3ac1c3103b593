export { receiveSentryWebhook } from "./ingest/sentry/receive-sentry-webhook.ts";
export { describeReceiveFailure, MAX_BODY_BYTES, type ReceiveResult } from "./ingest/receive-result.ts";
export { announceSentryDelivery } from "./ingest/sentry/announce-sentry-delivery.ts";
export { processDeliveries } from "./ingest/sentry/process-deliveries.ts";
export { type ProcessOutcome } from "./ingest/sentry/process-batch.ts";
export { routeSentryInstallation } from "./workspaces/route-sentry-installation.ts";
export { recordDeployment, type DeploymentInput } from "./releases/record-deployment.ts";
export { authenticateDeployToken, createDeployToken, type CreatedDeployToken } from "./releases/deploy-tokens.ts";
export { deploymentBody, deploymentBodyError, type DeploymentBody } from "./releases/deployment-input.ts";
export { MAX_DEPLOYMENT_BYTES, receiveDeployment, type DeploymentAnswer } from "./releases/receive-deployment.ts";
export { recordSentryDeploys } from "./releases/record-sentry-deploys.ts";
export { deploymentsAwaitingRange, readSuspectRange, type SuspectRangeOutcome } from "./releases/read-suspect-range.ts";
export { suspectCommits, type SuspectCommit } from "./releases/suspects.ts";
export { linkReleases } from "./releases/link-releases.ts";
export { startSuture, type StartupReport } from "./startup.ts";
export { checkHealth, exitWithSupervisor, type Health } from "./health.ts";
export {
  embeddedExecutorRequired,
  functionsIn,
  localSecretFile,
  supervised,
  workerHost,
  workerPort,
  workerUrl,
} from "./config.ts";
export { triageObservations, type TriageOutcome } from "./fixes/triage-observations.ts";
export { approveFixRun, rejectFixRun, type DecisionResult } from "./fixes/decide-fix-run.ts";
export {
  requestRepair,
  repairTriggerOf,
  whyNotRepairable,
  type RepairRequestResult,
  type RepairTrigger,
} from "./fixes/repair/request-repair.ts";
export { repairFixRunAsMember, repairInput, type MemberRepairResult } from "./fixes/repair/repair-as-member.ts";
export { repairFixRun, type RepairResult } from "./fixes/repair/repair-fix-run.ts";
export { connectRepository, type ConnectRepositoryResult } from "./fixes/connect-repository.ts";
export { startFixRun, type StartResult } from "./fixes/dispatch/start-fix-run.ts";
export { gatherFixContext, type FixContext } from "./fixes/dispatch/gather-fix-context.ts";
export { prepareFix, type PrepareResult } from "./fixes/dispatch/prepare-fix.ts";
export { openFixPullRequest, type OpenPullRequestResult } from "./fixes/dispatch/open-fix-pull-request.ts";
export { agentConfigurationError, agentSettings, type AgentSettings } from "./fixes/dispatch/agent-settings.ts";
export { setWorkspacePolicy, type SetPolicyResult } from "./fixes/set-workspace-policy.ts";
export { sentryApi, sentryApiForInstallation, sentryApiForIssue, type SentryClient } from "./clients/sentry-api.ts";
export {
  setInstallationCredentials,
  installationCredentialsSchema,
  type InstallationCredentialsInput,
  type SetCredentialsResult,
} from "./sentry-installations/set-installation-credentials.ts";
export { installationSummaries, type InstallationSummary } from "./sentry-installations/installation-summaries.ts";
export { syncSentryIssues, type OrganizationSync, type SyncReport } from "./sentry-sync/sync-sentry-issues.ts";
export { syncSentryIssuesNow } from "./sentry-sync/sync-sentry-issues-now.ts";
export { type RecoveredIssue } from "./sentry-sync/recover-issues.ts";
export { recordSeerObservations, type SeerRunOutcome } from "./seer/record-seer-observations.ts";
export { resolveMergedIssue, type ResolveResult } from "./pull-requests/resolve-merged-issue.ts";
export { linkSentryIssue, type LinkResult } from "./fixes/link-sentry-issue.ts";
export { dispatchViaSeer, type SeerDispatchResult } from "./seer/dispatch-via-seer.ts";
export { receiveGithubWebhook } from "./ingest/github/receive-github-webhook.ts";
export { announceGithubDelivery } from "./ingest/github/announce-github-delivery.ts";
export { handleGithubDelivery, type GithubDeliveryOutcome } from "./ingest/github/handle-github-delivery.ts";
export {
  applyPullRequestUpdate,
  type ApplyResult,
  type AppliedRun,
} from "./pull-requests/apply-pull-request-update.ts";
export { reconcileOpenPullRequests, type ReconcileResult } from "./pull-requests/reconcile-open-pull-requests.ts";
export { githubClient } from "./clients/github-client.ts";
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
export { getWorkspaceOverview, type Overview } from "./dashboard/workspace-overview.ts";
export { getFixRunPage, type FixRunPage } from "./dashboard/fix-run-page.ts";
export {
  FIX_RUN_GROUPS,
  isFixRunGroup,
  listFixRuns,
  type FixRunGroup,
  type FixRunList,
  type FixRunListItem,
} from "./dashboard/fix-run-list.ts";
export { getFixRunLog, type FixRunLog, type FixRunLogLine } from "./dashboard/fix-run-log.ts";
export type { DiffFileSummary } from "./dashboard/diff-files.ts";
export type { RunStage, StageState } from "./dashboard/run-stages.ts";
export { getAuditLog, type AuditLogResult } from "./dashboard/audit-log.ts";
export {
  getIssueList,
  parseIssueListQuery,
  ISSUE_LEVELS,
  SPARKLINE_HOURS,
  type IssueList,
  type IssueListItem,
  type IssueListQuery,
} from "./dashboard/issue-list.ts";
export { getIssuePage, type IssuePage } from "./dashboard/issue-page.ts";
export type { IssueDeployment, SuspectView } from "./dashboard/issue-deployment.ts";
export type { DeploymentView } from "./dashboard/deployment-view.ts";
export {
  getDeploymentsPage,
  parseDeploymentsQuery,
  type DeploymentsPage,
  type DeploymentsQuery,
  type EnvironmentTimeline,
  type TimelineEntry,
} from "./dashboard/deployments-page.ts";
export type { IssueEvent, IssueException, IssueFrame } from "./dashboard/issue-event.ts";
export { decideFixRunAsMember, decisionInput, type MemberDecisionResult } from "./fixes/decide-as-member.ts";
export {
  listMembers,
  memberInput,
  saveMember,
  type MembersResult,
  type MemberChangeResult,
} from "./members/manage-members.ts";
export { recordAudit, type AuditInput } from "./audit/record-audit.ts";
export {
  DELIVERY_FILTERS,
  getDeliveriesPage,
  getDeliveryDetail,
  parseDeliveryQuery,
  type DeliveriesPage,
  type DeliveryDetail,
  type DeliveryFilter,
} from "./dashboard/deliveries-page.ts";
export {
  replayDelivery,
  replayFailedDeliveries,
  replayFailedInput,
  replayInput,
  type ReplayResult,
} from "./ingest/replay-deliveries.ts";
export {
  getSettingsPage,
  type AgentSummary,
  type InstallationRow,
  type SettingsPage,
} from "./settings/settings-page.ts";
export {
  addWorkspaceProjectOverride,
  mapInstallation,
  mapInstallationInput,
  projectOverrideInput,
  removeOverrideInput,
  removeWorkspaceProjectOverride,
  type MappingResult,
} from "./settings/map-installation.ts";
export {
  removeRepository,
  removeRepositoryInput,
  repositoryFormInput,
  saveRepository,
  type RepositoryChangeResult,
} from "./settings/manage-repositories.ts";
export { formatCodeMappings } from "./settings/code-mapping-lines.ts";
export { policyFormInput, saveFixPolicy, type PolicyChangeResult } from "./settings/save-policy.ts";
export {
  installationCredentialsInput,
  saveInstallationCredentials,
  type CredentialsChangeResult,
} from "./settings/installation-credentials.ts";

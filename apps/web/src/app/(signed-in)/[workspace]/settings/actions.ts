"use server";

import {
  addWorkspaceProjectOverride,
  type CredentialsChangeResult,
  installationCredentialsInput,
  mapInstallation,
  mapInstallationInput,
  type MappingResult,
  policyFormInput,
  type PolicyChangeResult,
  projectOverrideInput,
  removeOverrideInput,
  removeRepository,
  removeRepositoryInput,
  removeWorkspaceProjectOverride,
  type RepositoryChangeResult,
  repositoryFormInput,
  saveFixPolicy,
  saveInstallationCredentials,
  saveRepository,
} from "@suture/core";
import { type ActionRefusal, workspaceAction } from "@/server/authorized-action";

const map = workspaceAction(mapInstallationInput, "admin", (input, scope) => mapInstallation(scope, input));
const addOverride = workspaceAction(projectOverrideInput, "admin", (input, scope) =>
  addWorkspaceProjectOverride(scope, input),
);
const removeOverride = workspaceAction(removeOverrideInput, "admin", (input, scope) =>
  removeWorkspaceProjectOverride(scope, input),
);
const saveRepo = workspaceAction(repositoryFormInput, "admin", (input, scope) => saveRepository(scope, input));
const removeRepo = workspaceAction(removeRepositoryInput, "admin", (input, scope) => removeRepository(scope, input));
const saveCredentials = workspaceAction(installationCredentialsInput, "admin", (input, scope) =>
  saveInstallationCredentials(scope, input),
);
const savePolicy = workspaceAction(policyFormInput, "admin", (input, scope) => saveFixPolicy(scope, input));

/** Maps a Sentry installation to this workspace; its unrouted deliveries are processed again. */
export async function mapInstallationAction(input: unknown): Promise<MappingResult | ActionRefusal> {
  return map(input);
}

/** Sends a Sentry project's deliveries to this workspace. */
export async function addOverrideAction(input: unknown): Promise<MappingResult | ActionRefusal> {
  return addOverride(input);
}

export async function removeOverrideAction(input: unknown): Promise<MappingResult | ActionRefusal> {
  return removeOverride(input);
}

/** Connects a repository (no id) or changes one (with its id). */
export async function saveRepositoryAction(input: unknown): Promise<RepositoryChangeResult | ActionRefusal> {
  return saveRepo(input);
}

export async function removeRepositoryAction(input: unknown): Promise<RepositoryChangeResult | ActionRefusal> {
  return removeRepo(input);
}

/** Replaces the fix policy and budgets. */
export async function savePolicyAction(input: unknown): Promise<PolicyChangeResult | ActionRefusal> {
  return savePolicy(input);
}

/** Gives an installation mapped here its own Sentry token, client secret or organization (stored encrypted). */
export async function saveCredentialsAction(input: unknown): Promise<CredentialsChangeResult | ActionRefusal> {
  return saveCredentials(input);
}

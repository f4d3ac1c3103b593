"use client";

import { useState } from "react";
import { removeRepositoryAction, saveRepositoryAction } from "../actions";
import { DANGER, PRIMARY, SECONDARY } from "@/components/button-styles";
import { FIELD, Field, FormError, formValues, useSettingsAction } from "./form-kit";

export interface RepositoryRow {
  id: string;
  fullName: string;
  cloneUrl: string;
  defaultBranch: string;
  codeMappings: string;
  testCommand: string;
}

const EMPTY: RepositoryRow = {
  id: "",
  fullName: "",
  cloneUrl: "",
  defaultBranch: "main",
  codeMappings: "",
  testCommand: "",
};

/** The workspace's repositories: each can be edited or removed; a form below connects another. */
export function RepositoriesPanel({ workspace, repositories }: { workspace: string; repositories: RepositoryRow[] }) {
  return (
    <div className="space-y-4">
      {repositories.length === 0 ? (
        <p className="text-sm text-slate-500">No repository is connected: issues cannot get fix runs yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {repositories.map((r) => (
            <RepositoryItem key={r.id} workspace={workspace} repository={r} />
          ))}
        </ul>
      )}
      <details className="rounded-lg border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">Connect a repository</summary>
        <RepositoryForm workspace={workspace} repository={EMPTY} onDone={() => undefined} />
      </details>
    </div>
  );
}

function RepositoryItem({ workspace, repository }: { workspace: string; repository: RepositoryRow }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useSettingsAction(removeRepositoryAction, (r) =>
    r.status === "removed" ? `${repository.fullName} disconnected.` : null,
  );
  return (
    <li className="space-y-2 px-3 py-2.5 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1">
          <p className="font-medium">{repository.fullName}</p>
          <p className="truncate text-xs text-slate-500">
            {repository.defaultBranch} · {repository.cloneUrl}
            {repository.testCommand ? ` · tests: ${repository.testCommand}` : ""}
          </p>
        </div>
        <button type="button" className={SECONDARY} onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {editing ? "Close" : `Edit`}
          <span className="sr-only"> {repository.fullName}</span>
        </button>
        {confirming ? (
          <>
            <button
              type="button"
              className={DANGER}
              disabled={remove.pending}
              onClick={() => remove.run({ workspace, id: repository.id })}
            >
              Remove {repository.fullName}?
            </button>
            <button type="button" className={SECONDARY} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className={DANGER} onClick={() => setConfirming(true)}>
            Remove<span className="sr-only"> {repository.fullName}</span>
          </button>
        )}
      </div>
      <FormError error={remove.error} />
      {editing ? (
        <RepositoryForm workspace={workspace} repository={repository} onDone={() => setEditing(false)} />
      ) : null}
    </li>
  );
}

function RepositoryForm({
  workspace,
  repository,
  onDone,
}: {
  workspace: string;
  repository: RepositoryRow;
  onDone: () => void;
}) {
  const save = useSettingsAction(saveRepositoryAction, (r) =>
    r.status === "saved" ? `${r.repository.owner}/${r.repository.name} ${r.created ? "connected" : "saved"}.` : null,
  );
  return (
    <form
      className="mt-3 grid gap-3 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        save.run({ ...formValues(form), workspace, id: repository.id }, () => {
          if (!repository.id) form.reset();
          onDone();
        });
      }}
    >
      <RepositoryFields repository={repository} />
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" className={PRIMARY} disabled={save.pending}>
          {save.pending ? "Saving…" : repository.id ? "Save repository" : "Connect repository"}
        </button>
        <FormError error={save.error} />
      </div>
    </form>
  );
}

function RepositoryFields({ repository }: { repository: RepositoryRow }) {
  const key = repository.id || "new";
  return (
    <>
      <Field id={`repo-name-${key}`} label="Repository" hint="(owner/name)">
        <input
          id={`repo-name-${key}`}
          name="repository"
          required
          defaultValue={repository.fullName}
          className={FIELD}
        />
      </Field>
      <Field id={`repo-branch-${key}`} label="Default branch">
        <input
          id={`repo-branch-${key}`}
          name="defaultBranch"
          required
          defaultValue={repository.defaultBranch}
          className={FIELD}
        />
      </Field>
      <Field id={`repo-clone-${key}`} label="Clone URL" hint="(blank: GitHub's https URL)">
        <input id={`repo-clone-${key}`} name="cloneUrl" defaultValue={repository.cloneUrl} className={FIELD} />
      </Field>
      <Field id={`repo-test-${key}`} label="Test command" hint="(optional)">
        <input id={`repo-test-${key}`} name="testCommand" defaultValue={repository.testCommand} className={FIELD} />
      </Field>
      <div className="sm:col-span-2">
        <Field
          id={`repo-mappings-${key}`}
          label="Code mappings"
          hint="(one stackRoot=sourceRoot per line, e.g. /app/=src/, or =src/main/java/ for JVM packages)"
        >
          <textarea
            id={`repo-mappings-${key}`}
            name="codeMappings"
            rows={3}
            defaultValue={repository.codeMappings}
            className={`${FIELD} font-mono`}
          />
        </Field>
      </div>
    </>
  );
}

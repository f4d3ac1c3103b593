"use client";

import { useState } from "react";
import { FIELD, FormError, formText, SubmitButton } from "../form-parts";
import { githubSignInUrl, signInWithPassword } from "../sign-in";

const logFailure = (error: unknown) => console.error("[suture] sign-in failed", error);

export function SignInForm({ next, github }: { next: string; github: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (message: string) => {
    setError(message);
    setBusy(false);
  };

  async function signIn(form: HTMLFormElement) {
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    const failure = await signInWithPassword(formText(data, "email"), formText(data, "password"));
    if (failure) fail(failure);
    else window.location.assign(next);
  }

  async function signInWithGithub() {
    setBusy(true);
    const url = await githubSignInUrl(next);
    if (url) window.location.assign(url);
    else fail("GitHub sign-in is not available right now.");
  }

  return (
    <div className="mt-6 space-y-4">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          signIn(event.currentTarget).catch(logFailure);
        }}
      >
        <label className="block text-sm font-medium text-slate-700">
          Email
          <input name="email" type="email" required autoComplete="username" autoFocus className={FIELD} />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Password
          <input name="password" type="password" required autoComplete="current-password" className={FIELD} />
        </label>
        <FormError error={error} />
        <SubmitButton busy={busy} label="Sign in" busyLabel="Signing in…" />
      </form>
      {github ? (
        <GitHubSignIn
          busy={busy}
          onClick={() => {
            signInWithGithub().catch(logFailure);
          }}
        />
      ) : null}
    </div>
  );
}

function GitHubSignIn({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  return (
    <>
      <div className="flex items-center gap-3 text-xs text-slate-400">
        <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
      </div>
      <button
        type="button"
        disabled={busy}
        onClick={onClick}
        className="w-full rounded-md px-3 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 disabled:opacity-50"
      >
        Sign in with GitHub
      </button>
    </>
  );
}

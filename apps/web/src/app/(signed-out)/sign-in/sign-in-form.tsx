"use client";

import { useState } from "react";
import { signInWithPassword } from "../sign-in";

export const FIELD =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none";

export function SignInForm({ next, github }: { next: string; github: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="mt-6 space-y-4">
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setBusy(true);
          setError(null);
          const failure = await signInWithPassword(String(data.get("email")), String(data.get("password")));
          if (failure) {
            setError(failure);
            setBusy(false);
          } else window.location.assign(next);
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
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-50"
        >
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {github ? (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-400">
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              const response = await fetch("/api/auth/sign-in/social", {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ provider: "github", callbackURL: next, errorCallbackURL: "/sign-in" }),
              }).catch(() => null);
              const body = response?.ok ? ((await response.json()) as { url?: string }) : null;
              if (body?.url) window.location.assign(body.url);
              else {
                setError("GitHub sign-in is not available right now.");
                setBusy(false);
              }
            }}
            className="w-full rounded-md px-3 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 disabled:opacity-50"
          >
            Sign in with GitHub
          </button>
        </>
      ) : null}
    </div>
  );
}

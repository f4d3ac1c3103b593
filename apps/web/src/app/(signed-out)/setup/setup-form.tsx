"use client";

import { useState } from "react";
import { FIELD } from "../sign-in/sign-in-form";
import { signInWithPassword } from "../sign-in";
import { createFirstAdmin } from "./actions";

export function SetupForm({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="mt-6 space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const email = String(data.get("email"));
        const password = String(data.get("password"));
        if (password !== data.get("confirm")) return setError("The two passwords differ.");
        setBusy(true);
        setError(null);
        const created = await createFirstAdmin({
          token,
          email,
          password,
          name: String(data.get("name") || "") || undefined,
        });
        if (created.status !== "created") {
          setError(created.error);
          setBusy(false);
          return;
        }
        const failure = await signInWithPassword(email, password);
        window.location.assign(failure ? "/sign-in" : "/");
      }}
    >
      <label className="block text-sm font-medium text-slate-700">
        Name <span className="font-normal text-slate-500">(optional)</span>
        <input name="name" autoComplete="name" className={FIELD} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Email
        <input name="email" type="email" required autoComplete="username" className={FIELD} />
      </label>
      <div>
        <label className="block text-sm font-medium text-slate-700">
          Password
          <input
            name="password"
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            aria-describedby="password-hint"
            className={FIELD}
          />
        </label>
        <p id="password-hint" className="mt-1 text-xs text-slate-500">
          10 characters or more.
        </p>
      </div>
      <label className="block text-sm font-medium text-slate-700">
        Password again
        <input name="confirm" type="password" required minLength={10} autoComplete="new-password" className={FIELD} />
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
        {busy ? "Creating…" : "Create admin and sign in"}
      </button>
    </form>
  );
}

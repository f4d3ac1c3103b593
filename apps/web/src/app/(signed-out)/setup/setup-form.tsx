"use client";

import { useState } from "react";
import { FIELD, FormError, formText, SubmitButton } from "../form-parts";
import { signInWithPassword } from "../sign-in";
import { createFirstAdmin } from "./actions";

export function SetupForm({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function createAdmin(form: HTMLFormElement) {
    const data = new FormData(form);
    const email = formText(data, "email");
    const password = formText(data, "password");
    if (password !== data.get("confirm")) return setError("The two passwords differ.");
    setBusy(true);
    setError(null);
    const created = await createFirstAdmin({ token, email, password, name: formText(data, "name") || undefined });
    if (created.status !== "created") {
      setError(created.error);
      setBusy(false);
      return;
    }
    const failure = await signInWithPassword(email, password);
    window.location.assign(failure ? "/sign-in" : "/");
  }

  return (
    <form
      className="mt-6 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        createAdmin(event.currentTarget).catch((error: unknown) => console.error("[suture] setup failed", error));
      }}
    >
      <SetupFields />
      <FormError error={error} />
      <SubmitButton busy={busy} label="Create admin and sign in" busyLabel="Creating…" />
    </form>
  );
}

function SetupFields() {
  return (
    <>
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
    </>
  );
}

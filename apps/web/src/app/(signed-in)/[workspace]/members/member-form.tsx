"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { PRIMARY } from "@/components/button-styles";
import { saveMemberAction } from "./actions";

const FIELD =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none";

type Message = { ok: boolean; text: string };

export function MemberForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="grid gap-3 sm:grid-cols-[2fr_1fr_2fr_auto] sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = Object.fromEntries(new FormData(form));
        startTransition(async () => {
          const result = await saveMemberAction({ ...data, workspace, password: data.password || undefined });
          if (result.status === "saved") {
            setMessage({
              ok: true,
              text: `${result.email} is ${result.role === "admin" ? "an" : "a"} ${result.role}${result.created ? " (new user)" : ""}.`,
            });
            form.reset();
            router.refresh();
          } else setMessage({ ok: false, text: result.error });
        });
      }}
    >
      <MemberFields />
      <button type="submit" disabled={pending} className={PRIMARY}>
        {pending ? "Saving…" : "Save"}
      </button>
      {message ? <MemberMessage message={message} /> : null}
    </form>
  );
}

function MemberFields() {
  return (
    <>
      <div>
        <label htmlFor="member-email" className="text-sm font-medium text-slate-700">
          Email
        </label>
        <input id="member-email" name="email" type="email" required autoComplete="off" className={`mt-1 ${FIELD}`} />
      </div>
      <div>
        <label htmlFor="member-role" className="text-sm font-medium text-slate-700">
          Role
        </label>
        <select id="member-role" name="role" defaultValue="viewer" className={`mt-1 ${FIELD}`}>
          <option value="viewer">viewer</option>
          <option value="approver">approver</option>
          <option value="admin">admin</option>
        </select>
      </div>
      <div>
        <label htmlFor="member-password" className="text-sm font-medium text-slate-700">
          First password <span className="font-normal text-slate-500">(new users only)</span>
        </label>
        <input
          id="member-password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          className={`mt-1 ${FIELD}`}
        />
      </div>
    </>
  );
}

function MemberMessage({ message }: { message: Message }) {
  return (
    <p
      role={message.ok ? "status" : "alert"}
      className={`text-sm sm:col-span-4 ${message.ok ? "text-emerald-700" : "text-red-700"}`}
    >
      {message.text}
    </p>
  );
}

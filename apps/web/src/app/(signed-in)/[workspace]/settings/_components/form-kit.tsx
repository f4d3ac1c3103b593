"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState, useTransition } from "react";
import { toast } from "sonner";

export const FIELD =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none";

type Outcome = { status: string; error?: string };

/**
 * Runs a settings action: a toast after it, the page refreshed on success, and the refusal kept
 * to show beside the form (`error`).
 */
export function useSettingsAction<R extends Outcome>(
  action: (input: unknown) => Promise<R>,
  success: (result: R) => string | null,
) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run(input: Record<string, unknown>, after?: () => void) {
    startTransition(async () => {
      const result = await action(input);
      const message = success(result);
      if (message !== null) {
        setError(null);
        toast.success(message);
        after?.();
        router.refresh();
      } else {
        const text = result.error ?? "that did not work";
        setError(text);
        toast.error(text);
      }
    });
  }
  return { run, pending, error };
}

/** The form's values as strings (files are not expected in these forms). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string") values[key] = value;
  return values;
}

export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
        {hint ? <span className="font-normal text-slate-500"> {hint}</span> : null}
      </label>
      {children}
    </div>
  );
}

export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {error}
    </p>
  );
}

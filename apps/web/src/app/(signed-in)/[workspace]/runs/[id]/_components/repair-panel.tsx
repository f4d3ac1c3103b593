"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { PRIMARY } from "@/components/button-styles";
import { repairFixRun, type RepairOutcome } from "../actions";

/**
 * Repair: the agent works once more on the PR's branch, from its failing checks or the review
 * that requested changes, and Suture pushes a new commit. Shown while one can start.
 */
export function RepairPanel({
  workspace,
  runId,
  iterations,
}: {
  workspace: string;
  runId: string;
  iterations: number;
}) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<RepairOutcome | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = () =>
    startTransition(async () => {
      const result = await repairFixRun({ workspace, runId });
      setOutcome(result);
      if (result.status === "requested") toast.success(`Repair ${result.iteration} requested — it starts shortly.`);
      else toast.error("No repair was started — see the repair panel.");
      router.refresh();
    });
  return (
    <section aria-labelledby="repair-title" className="rounded-xl border border-amber-200 bg-amber-50 p-5">
      <h2 id="repair-title" className="text-sm font-semibold">
        Repair the pull request
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Its checks failed or a reviewer requested changes. A repair gives the agent what GitHub reported and pushes a
        new commit to the same branch after the same checks.
        {iterations > 0 ? ` ${iterations} repair${iterations === 1 ? "" : "s"} so far.` : ""}
      </p>
      {outcome && outcome.status !== "requested" ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {outcome.error}
        </p>
      ) : null}
      <button
        type="button"
        disabled={pending || outcome?.status === "requested"}
        onClick={submit}
        className={`mt-3 ${PRIMARY}`}
      >
        {pending ? "Requesting…" : "Repair"}
      </button>
    </section>
  );
}

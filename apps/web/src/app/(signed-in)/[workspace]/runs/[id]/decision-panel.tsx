"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { DANGER_CONFIRM, PRIMARY, SECONDARY } from "@/components/button-styles";
import { decideFixRun, type DecisionOutcome } from "./actions";

type Decision = "approve" | "reject";
type Step = { kind: "idle" } | { kind: "confirm"; decision: Decision };

/** Approve & dispatch or Reject, each after a confirmation; then the page shows the run as it is now. */
export function DecisionPanel({
  workspace,
  runId,
  waiting,
  repository,
}: {
  workspace: string;
  runId: string;
  waiting: boolean;
  repository: string | null;
}) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (decision: Decision) =>
    startTransition(async () => {
      const result = await decideFixRun({
        workspace,
        runId,
        decision,
        ...(decision === "reject" && reason ? { reason } : {}),
      });
      setOutcome(result);
      announce(result);
      setStep({ kind: "idle" });
      router.refresh();
    });

  return (
    <section aria-labelledby="decision-title" className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 id="decision-title" className="text-sm font-semibold">
        Decision
      </h2>
      {outcome ? <OutcomeMessage outcome={outcome} /> : null}
      {waiting && step.kind === "idle" ? (
        <DecisionButtons pending={pending} onChoose={(decision) => setStep({ kind: "confirm", decision })} />
      ) : null}
      {waiting && step.kind === "confirm" ? (
        <ConfirmDecision
          decision={step.decision}
          repository={repository}
          reason={reason}
          onReason={setReason}
          pending={pending}
          onConfirm={() => submit(step.decision)}
          onCancel={() => setStep({ kind: "idle" })}
        />
      ) : null}
      {!waiting && !outcome ? (
        <p className="mt-2 text-sm text-slate-600">This run is not waiting for a decision.</p>
      ) : null}
    </section>
  );
}

/** A toast for the outcome; the panel keeps the full message. */
function announce(outcome: DecisionOutcome): void {
  if (outcome.status === "approved") toast.success("Approved — the dispatch starts shortly.");
  else if (outcome.status === "rejected") toast("Rejected — no new run for this issue until it regresses.");
  else if (outcome.status === "conflict")
    toast.warning(`Already decided by someone else — the run is ${outcome.current.replaceAll("_", " ")}.`);
  else toast.error("Not decided — see the decision panel.");
}

function DecisionButtons({ pending, onChoose }: { pending: boolean; onChoose: (decision: Decision) => void }) {
  return (
    <div className="mt-3 flex flex-wrap gap-3">
      <button type="button" disabled={pending} onClick={() => onChoose("approve")} className={PRIMARY}>
        Approve &amp; dispatch
      </button>
      <button type="button" disabled={pending} onClick={() => onChoose("reject")} className={SECONDARY}>
        Reject
      </button>
    </div>
  );
}

function ConfirmDecision({
  decision,
  repository,
  reason,
  onReason,
  pending,
  onConfirm,
  onCancel,
}: {
  decision: Decision;
  repository: string | null;
  reason: string;
  onReason: (reason: string) => void;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div role="group" aria-label="Confirm" className="mt-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
      {decision === "approve" ? (
        <p className="text-sm text-slate-700">
          Dispatch the coding agent for this issue{repository ? ` in ${repository}` : ""}? It opens a draft pull request
          that still needs review. You are recorded as the approver.
        </p>
      ) : (
        <label className="block text-sm text-slate-700">
          Reject this run? The issue gets no new run until it regresses.
          <textarea
            value={reason}
            onChange={(event) => onReason(event.target.value)}
            maxLength={500}
            rows={2}
            placeholder="Why (optional)"
            className="mt-2 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none"
          />
        </label>
      )}
      <div className="mt-3 flex flex-wrap gap-3">
        <button
          type="button"
          disabled={pending}
          onClick={onConfirm}
          className={decision === "approve" ? PRIMARY : DANGER_CONFIRM}
        >
          {pending ? "Saving…" : decision === "approve" ? "Confirm approve & dispatch" : "Confirm reject"}
        </button>
        <button type="button" disabled={pending} onClick={onCancel} className={SECONDARY}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function OutcomeMessage({ outcome }: { outcome: DecisionOutcome }) {
  const base = "mt-3 rounded-md px-3 py-2 text-sm";
  switch (outcome.status) {
    case "approved":
      return (
        <p role="status" className={`${base} bg-emerald-50 text-emerald-800`}>
          Approved. The dispatch starts shortly; its progress shows in the timeline.
        </p>
      );
    case "rejected":
      return (
        <p role="status" className={`${base} bg-slate-100 text-slate-800`}>
          Rejected.
        </p>
      );
    case "conflict":
      return (
        <p role="alert" className={`${base} bg-amber-50 text-amber-900`}>
          Someone decided first: this run is now <strong>{outcome.current.replaceAll("_", " ")}</strong>. Nothing was
          changed.
        </p>
      );
    case "over_budget":
      return (
        <p role="alert" className={`${base} bg-amber-50 text-amber-900`}>
          Not dispatched — the workspace is over its budget: {outcome.error.replace(/^budget: /, "")}. Try again when a
          running fix finishes, or ask an admin to raise the limit.
        </p>
      );
    default:
      return (
        <p role="alert" className={`${base} bg-red-50 text-red-800`}>
          {outcome.error}
        </p>
      );
  }
}

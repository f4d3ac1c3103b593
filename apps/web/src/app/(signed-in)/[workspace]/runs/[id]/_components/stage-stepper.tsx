import type { RunStage, StageState } from "@suture/core";

const DOT: Record<StageState, string> = {
  done: "bg-emerald-600 text-white ring-emerald-600",
  current: "bg-sky-50 text-sky-700 ring-sky-500 animate-pulse",
  failed: "bg-red-600 text-white ring-red-600",
  pending: "bg-white text-slate-400 ring-slate-300",
};
const SYMBOL: Record<StageState, string> = { done: "✓", current: "•", failed: "✕", pending: "" };
const SAID: Record<StageState, string> = {
  done: "done",
  current: "in progress",
  failed: "stopped here",
  pending: "not reached",
};

/** The run's stages as a stepper: done, where it is now, where it stopped, still ahead. */
export function StageStepper({ stages }: { stages: RunStage[] }) {
  return (
    <section aria-labelledby="stages-title" className="rounded-xl border border-slate-200 bg-white px-4 py-4">
      <h2 id="stages-title" className="sr-only">
        Stages
      </h2>
      <ol className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-1 sm:gap-y-3">
        {stages.map((stage, i) => (
          <li
            key={stage.key}
            data-state={stage.state}
            aria-current={stage.state === "current" ? "step" : undefined}
            className="flex items-center gap-1"
          >
            <span className="flex items-center gap-2">
              <span
                aria-hidden
                className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ring-2 ring-inset ${DOT[stage.state]}`}
              >
                {SYMBOL[stage.state]}
              </span>
              <span
                className={`text-sm whitespace-nowrap ${stage.state === "pending" ? "text-slate-500" : "font-medium text-slate-900"}`}
              >
                {stage.label}
                <span className="sr-only"> ({SAID[stage.state]})</span>
              </span>
            </span>
            {i < stages.length - 1 ? (
              <span aria-hidden className="mx-1 hidden h-px w-8 bg-slate-300 sm:inline-block" />
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

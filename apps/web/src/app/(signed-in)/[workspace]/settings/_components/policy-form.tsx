"use client";

import { savePolicyAction } from "../actions";
import { PRIMARY } from "@/components/button-styles";
import { FIELD, Field, FormError, formValues, useSettingsAction } from "./form-kit";

export interface PolicyValues {
  mode: "manual" | "auto";
  autoLevels: string[];
  autoMinEvents: number;
  autoMinUsers: number;
  autoEnvironments: string[];
  maxActiveRuns: number;
  maxDispatchesPerHour: number;
  maxDispatchesPerDay: number;
  maxDiffFiles: number;
  maxDiffLines: number;
  pathDenylist: string[];
  requireRegressionTest: boolean;
  requireReproducingTest: boolean;
  dispatchViaSeer: boolean;
  autoRepairIterations: number;
}

const LEVELS = ["debug", "info", "warning", "error", "fatal"];

const NUMBERS: [keyof PolicyValues, string][] = [
  ["autoMinEvents", "Auto: minimum events"],
  ["autoMinUsers", "Auto: minimum users"],
  ["maxActiveRuns", "Max active runs"],
  ["maxDispatchesPerHour", "Dispatches per hour"],
  ["maxDispatchesPerDay", "Dispatches per day"],
  ["maxDiffFiles", "Max diff files"],
  ["maxDiffLines", "Max diff lines"],
  ["autoRepairIterations", "Automatic repairs per PR (0: by hand)"],
];

/** The fix policy and budgets, saved whole; the server says precisely what is wrong. */
export function PolicyForm({ workspace, policy }: { workspace: string; policy: PolicyValues }) {
  const save = useSettingsAction(savePolicyAction, (r) =>
    r.status === "saved"
      ? r.changed.length > 0
        ? `Fix policy saved (${r.changed.join(", ")}).`
        : "Nothing changed."
      : null,
  );
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const levels = new FormData(form).getAll("autoLevels").filter((v) => typeof v === "string");
        save.run({ ...formValues(form), autoLevels: levels, workspace });
      }}
    >
      <ModeAndLevels policy={policy} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {NUMBERS.map(([name, label]) => (
          <Field key={name} id={`policy-${name}`} label={label}>
            <input
              id={`policy-${name}`}
              name={name}
              type="number"
              inputMode="numeric"
              defaultValue={String(policy[name])}
              className={FIELD}
            />
          </Field>
        ))}
      </div>
      <ListsAndSwitches policy={policy} />
      <div className="flex items-center gap-3">
        <button type="submit" className={PRIMARY} disabled={save.pending}>
          {save.pending ? "Saving…" : "Save policy"}
        </button>
        <FormError error={save.error} />
      </div>
    </form>
  );
}

function ModeAndLevels({ policy }: { policy: PolicyValues }) {
  return (
    <>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">Mode</legend>
        {(["manual", "auto"] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" value={mode} defaultChecked={policy.mode === mode} />
            {mode === "manual" ? "Manual: a person approves each run" : "Auto: approve by policy within budgets"}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">Auto-approved levels</legend>
        {LEVELS.map((level) => (
          <label key={level} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="autoLevels" value={level} defaultChecked={policy.autoLevels.includes(level)} />
            {level}
          </label>
        ))}
      </fieldset>
    </>
  );
}

function ListsAndSwitches({ policy }: { policy: PolicyValues }) {
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="policy-environments" label="Auto: environments" hint="(one per line; blank: any)">
          <textarea
            id="policy-environments"
            name="autoEnvironments"
            rows={3}
            defaultValue={policy.autoEnvironments.join("\n")}
            className={`${FIELD} font-mono`}
          />
        </Field>
        <Field id="policy-denylist" label="Path denylist" hint="(one pattern per line)">
          <textarea
            id="policy-denylist"
            name="pathDenylist"
            rows={5}
            defaultValue={policy.pathDenylist.join("\n")}
            className={`${FIELD} font-mono`}
          />
        </Field>
      </div>
      <div className="flex flex-wrap gap-6">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="requireRegressionTest" defaultChecked={policy.requireRegressionTest} />
          Require a regression test in the diff
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="requireReproducingTest" defaultChecked={policy.requireReproducingTest} />
          Refuse a test that passes without the fix
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="dispatchViaSeer" defaultChecked={policy.dispatchViaSeer} />
          Dispatch approved runs via Sentry&apos;s Seer
        </label>
      </div>
    </>
  );
}

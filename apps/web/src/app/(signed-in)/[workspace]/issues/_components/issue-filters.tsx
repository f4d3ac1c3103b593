import Link from "next/link";
import type { IssueList, IssueListQuery } from "@suture/core";
import { PRIMARY } from "@/components/button-styles";
import { issuesHref } from "./issue-href";

const TABS: { tab: IssueListQuery["tab"]; label: string }[] = [
  { tab: "unresolved", label: "Unresolved" },
  { tab: "resolved", label: "Resolved" },
  { tab: "ignored", label: "Ignored" },
  { tab: "all", label: "All" },
];
const SORTS: { sort: IssueListQuery["sort"]; label: string }[] = [
  { sort: "last_seen", label: "Last seen" },
  { sort: "first_seen", label: "First seen" },
  { sort: "events", label: "Events" },
  { sort: "users", label: "Users" },
];

const FIELD =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none";

export function IssueTabs({ base, query }: { base: string; query: IssueListQuery }) {
  return (
    <nav aria-label="Issue status" className="flex flex-wrap gap-1 border-b border-slate-200">
      {TABS.map(({ tab, label }) => (
        <Link
          key={tab}
          href={issuesHref(base, query, { tab })}
          aria-current={query.tab === tab ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${query.tab === tab ? "border-indigo-600 text-slate-900" : "border-transparent text-slate-500 hover:text-slate-900"}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

/** A GET form: the filters live in the URL, and the server renders what it says. */
export function IssueFilters({ base, list }: { base: string; list: IssueList }) {
  const { query, options } = list;
  return (
    <form
      method="get"
      action={base}
      role="search"
      aria-label="Filter issues"
      className="flex flex-wrap items-end gap-3"
    >
      {query.tab !== "unresolved" ? <input type="hidden" name="tab" value={query.tab} /> : null}
      <label className="flex min-w-56 flex-1 flex-col gap-1 text-xs font-medium text-slate-500">
        Search
        <input
          type="search"
          name="q"
          defaultValue={query.q ?? ""}
          placeholder="Title, culprit or short id"
          className={FIELD}
        />
      </label>
      <Select label="Project" name="project" value={query.project} choices={options.projects} />
      <Select label="Level" name="level" value={query.level} choices={options.levels} />
      <Select label="Environment" name="environment" value={query.environment} choices={options.environments} />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
        Fix run
        <select name="fix" defaultValue={query.fix ?? ""} className={FIELD}>
          <option value="">Any</option>
          <option value="with">Has a fix run</option>
          <option value="without">No fix run</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
        Sort by
        <select name="sort" defaultValue={query.sort} className={FIELD}>
          {SORTS.map(({ sort, label }) => (
            <option key={sort} value={sort}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={PRIMARY}>
        Apply
      </button>
      <Link href={issuesHref(base, query, CLEARED)} className="py-2 text-sm text-slate-600 hover:underline">
        Clear
      </Link>
    </form>
  );
}

const CLEARED: Partial<IssueListQuery> = { project: null, level: null, environment: null, fix: null, q: null };

function Select({
  label,
  name,
  value,
  choices,
}: {
  label: string;
  name: string;
  value: string | null;
  choices: readonly string[];
}) {
  // A value from the URL that is not among the choices stays selectable, so the form shows what is applied.
  const all = value && !choices.includes(value) ? [value, ...choices] : choices;
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
      {label}
      <select name={name} defaultValue={value ?? ""} className={FIELD}>
        <option value="">All</option>
        {all.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  );
}

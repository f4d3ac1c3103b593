import { code, link } from "./markdown.ts";
import type { FilePatch, SeerData } from "./schemas/seer.ts";

// Markdown sections for Seer's analysis objects. Each renders whatever shape it finds (the
// documented one or the newer Explorer artifacts), so a new seer.* action that carries one of
// these objects is shown without code changes.

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : {};

/** Change summary kept in metadata: repo, title, branch and line counts, never the diff itself. */
export interface ChangeSummary {
  repo: string | null;
  title: string | null;
  branch: string | null;
  path: string | null;
  added: number;
  removed: number;
}

export function rootCauseSection(rootCause: SeerData["root_cause"]): string | null {
  if (!rootCause) return null;
  const lines = [`**Root cause**: ${rootCause.description ?? rootCause.one_line_description ?? "(no description)"}`];
  const steps = (rootCause.steps ?? []).map((raw, index) => {
    const step = obj(raw);
    const file = obj(step.relevant_code_file);
    const filePath = str(file.file_path);
    const repoName = str(file.repo_name);
    const path =
      filePath && filePath !== "N/A"
        ? `${code(filePath)}${repoName && repoName !== "N/A" ? ` in ${repoName}` : ""}`
        : null;
    const key = step.is_most_important_event === true ? " **(key step)**" : "";
    const analysis = str(step.code_snippet_and_analysis);
    return `${index + 1}. ${str(step.title) ?? "(step)"}${key}${path ? ` — ${path}` : ""}${analysis ? `\n   ${analysis.replace(/\n/g, "\n   ")}` : ""}`;
  });
  if (steps.length > 0) lines.push(steps.join("\n"));
  const whys = (rootCause.five_whys ?? []).map((why, index) => `${index + 1}. ${String(why)}`);
  if (whys.length > 0) lines.push(`Why:\n${whys.join("\n")}`);
  const repro = (rootCause.reproduction_steps ?? []).map((step, index) => `${index + 1}. ${String(step)}`);
  if (repro.length > 0) lines.push(`Reproduction:\n${repro.join("\n")}`);
  if (rootCause.relevant_repo) lines.push(`Repository: ${code(rootCause.relevant_repo)}`);
  return lines.join("\n\n");
}

export function solutionSection(solution: SeerData["solution"]): string | null {
  if (!solution) return null;
  const lines = [`**Solution**: ${solution.description ?? solution.one_line_summary ?? "(no description)"}`];
  const steps = (solution.steps ?? []).map((raw, index) => {
    const step = obj(raw);
    const detail = str(step.description);
    return `${index + 1}. ${str(step.title) ?? String(raw)}${detail ? ` — ${detail}` : ""}`;
  });
  if (steps.length > 0) lines.push(steps.join("\n"));
  return lines.join("\n\n");
}

/** Both `changes[]` (documented) and `code_changes{repo: patches[]}` (newer) as one summary list. */
export function changeSummaries(data: SeerData): ChangeSummary[] {
  const documented = (data.changes ?? []).map((change) => ({
    repo: change.repo_name ?? change.repo_external_id,
    title: change.title,
    branch: change.branch_name,
    path: null,
    ...diffStats(change.diff),
  }));
  const patches = Object.entries(data.code_changes ?? {}).flatMap(([repo, value]) =>
    (Array.isArray(value) ? value : [value]).map((patch: FilePatch) => {
      const counted = diffStats(patch.diff ?? patch.patch);
      return {
        repo,
        title: patch.title,
        branch: patch.branch_name,
        path: patch.path,
        // Prefer Sentry's own counts; count the diff when they are missing.
        added: patch.added ?? counted.added,
        removed: patch.removed ?? counted.removed,
      };
    }),
  );
  return [...documented, ...patches];
}

export function changesSection(changes: readonly ChangeSummary[]): string | null {
  if (changes.length === 0) return null;
  const lines = changes.map((change) => {
    const what = change.path ? code(change.path) : (change.title ?? "(change)");
    const extra = [change.path && change.title, change.branch && `branch ${code(change.branch)}`]
      .filter(Boolean)
      .join(", ");
    return `- ${change.repo ? `**${change.repo}**: ` : ""}${what}${extra ? ` (${extra})` : ""} +${change.added} −${change.removed}`;
  });
  return `**Code changes**:\n${lines.join("\n")}`;
}

export interface PullRequestSummary {
  repo: string | null;
  number: number | null;
  url: string | null;
  provider: string | null;
}

export function pullRequests(data: SeerData): PullRequestSummary[] {
  return (data.pull_requests ?? []).map((pr) => ({
    repo: pr.repo_name,
    number: pr.pull_request?.pr_number ?? null,
    url: pr.pull_request?.pr_url ?? null,
    provider: pr.provider,
  }));
}

export function pullRequestLabel(pr: PullRequestSummary): string {
  return `${pr.repo ?? "repo"}${pr.number !== null ? `#${pr.number}` : ""}`;
}

export function pullRequestsSection(prs: readonly PullRequestSummary[]): string | null {
  if (prs.length === 0) return null;
  return `**Pull requests**:\n${prs.map((pr) => `- ${link(pullRequestLabel(pr), pr.url)}${pr.provider && pr.provider !== "unknown" ? ` (${pr.provider})` : ""}`).join("\n")}`;
}

/** Added/removed line counts of a unified diff (file headers excluded). */
export function diffStats(diff: string | null | undefined): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of (diff ?? "").split("\n")) {
    if (line.startsWith("+") && !line.startsWith("+++")) added++;
    else if (line.startsWith("-") && !line.startsWith("---")) removed++;
  }
  return { added, removed };
}

// How issue state changes are worded in titles and bodies (see the marker table in the README).
import { code } from "./markdown.ts";
import { MARKERS, levelMarker } from "./markers.ts";
import type { SentryIssue } from "./schemas/issue.ts";

const RESOLUTIONS: Record<string, string> = {
  now: "Resolved",
  in_release: "Resolved in a release",
  in_next_release: "Resolved in the next release",
  in_upcoming_release: "Resolved in the upcoming release",
  in_commit: "Resolved in a commit",
  with_commit: "Resolved with a commit",
};

const SUBSTATUSES: Record<string, string> = {
  archived_until_escalating: "Archived until it escalates",
  archived_until_condition_met: "Archived until a condition is met",
  archived_forever: "Archived forever",
  regressed: "Regressed: it was resolved and happened again",
  escalating: "Escalating: far more events than usual",
  ongoing: "Ongoing",
  new: "New",
};

export interface ChangeContext {
  resolutionType: string | null;
  inRelease: string | null;
  assignee: { type: string | null } | null;
  assigneeName: string | null;
  by: string | null;
}

/** One sentence saying what changed, for the body. */
export function changeLine(action: string, issue: SentryIssue, context: ChangeContext): string | null {
  const { resolutionType, inRelease, assignee, assigneeName, by } = context;
  // The application actor ("Sentry") is not a person; "by Sentry" adds nothing to a regression.
  const byPerson = by && by !== "Sentry" ? ` by ${by}` : "";
  switch (action) {
    case "resolved":
      return `${RESOLUTIONS[resolutionType ?? ""] ?? "Resolved"}${inRelease ? ` (${code(inRelease)})` : ""}${byPerson}.`;
    case "assigned":
      return `Assigned to ${assigneeName}${assignee?.type === "team" ? " (team)" : ""}${byPerson}.`;
    case "ignored":
    case "archived":
      return `${SUBSTATUSES[issue.substatus ?? ""] ?? "Archived"}${byPerson}.`;
    case "unresolved":
      return `${SUBSTATUSES[issue.substatus ?? ""] ?? "Marked unresolved"}${byPerson}.`;
    default:
      return null;
  }
}

export function userName(user: unknown): string | null {
  if (!user || typeof user !== "object") return null;
  const { name, username } = user as Record<string, unknown>;
  return typeof name === "string" ? name : typeof username === "string" ? username : null;
}

export function headline(action: string, issue: SentryIssue, assigneeName: string | null): [string, string] {
  switch (action) {
    case "created":
      return [levelMarker(issue.level), "New issue"];
    case "resolved":
      return [MARKERS.resolved, "Resolved"];
    case "assigned":
      return [MARKERS.assigned, `Assigned to ${assigneeName}`];
    case "ignored":
      return [MARKERS.ignored, "Ignored"];
    case "archived":
      return [MARKERS.ignored, "Archived"];
    default:
      if (issue.substatus === "regressed") return [MARKERS.regressed, "Regressed"];
      if (issue.substatus === "escalating") return [MARKERS.escalating, "Escalating"];
      return [MARKERS.unresolved, "Unresolved"];
  }
}

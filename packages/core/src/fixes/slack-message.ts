import { scrubText } from "./scrub.ts";

export interface SlackMessageInput {
  shortId: string;
  title: string | null;
  prUrl: string;
  summary: string | null;
  runUrl: string | null;
}

// Slack rejects section text over 3000 characters; the summary is a preview, the PR has it all.
const SUMMARY_LIMIT = 1200;
const TITLE_LIMIT = 200;

/**
 * The incoming-webhook payload announcing a draft fix PR. Sentry titles and agent summaries
 * are scrubbed and escaped: in Slack's mrkdwn `<!channel>` pings everyone and `<url|label>`
 * makes a link, so untrusted text must not be able to write either.
 */
export function slackMessage(input: SlackMessageInput): { text: string; blocks: unknown[] } {
  const shortId = escape(oneLine(scrubText(input.shortId)));
  const title = input.title ? capEscaped(escape(oneLine(scrubText(input.title))), TITLE_LIMIT) : null;
  const summary = input.summary?.trim() ? capEscaped(escape(scrubText(input.summary.trim())), SUMMARY_LIMIT) : null;
  const pr = linkTarget(input.prUrl);
  const headline = `Draft fix for ${shortId}${title ? `: ${title}` : ""}`;
  const context = ["Written by a coding agent — needs human review before merging."];
  if (input.runUrl) context.push(`<${linkTarget(input.runUrl)}|Suture run>`);
  return {
    text: `${headline} — ${pr}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*<${pr}|Draft fix for ${shortId}>*${title ? `\n${title}` : ""}` },
      },
      ...(summary ? [{ type: "section", text: { type: "mrkdwn", text: summary } }] : []),
      { type: "context", elements: context.map((text) => ({ type: "mrkdwn", text })) },
    ],
  };
}

/** Slack's three control characters; everything else is shown as written. */
function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A URL inside `<url|label>`: `|` and `>` would end it early. */
function linkTarget(url: string): string {
  return url.replace(/[|<> ]/g, (c) => encodeURIComponent(c));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Capped after escaping, so the limit holds, without leaving half an entity like `&am`. */
function capEscaped(text: string, limit: number): string {
  return text.length <= limit
    ? text
    : `${text
        .slice(0, limit - 1)
        .replace(/&[a-z]{0,3}$/, "")
        .trimEnd()}…`;
}

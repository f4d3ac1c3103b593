const ROOT_CAUSE_LIMIT = 1500;
const PARAGRAPH_LIMIT = 600;

/**
 * The agent's own account of what went wrong, from the end of its output: the text from the
 * last `Root cause:` line on (the prompt asks for that ending), else its last paragraph, else
 * null. Agents often bold or bullet the label, so leading markdown marks are allowed.
 */
export function agentSummary(output: string): string | null {
  const text = stripAnsi(output).replace(/\r\n?/g, "\n");
  const labels = Array.from(text.matchAll(/^[ \t>*_#-]*root cause(?:[*_]*:|:[*_]*)/gim));
  const last = labels.at(-1);
  if (last) {
    const summary = text.slice(last.index).trim();
    if (summary !== "") return cap(summary, ROOT_CAUSE_LIMIT);
  }
  const paragraphs = text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
  const paragraph = paragraphs.at(-1);
  return paragraph === undefined ? null : cap(paragraph, PARAGRAPH_LIMIT);
}

/** Terminal colour and cursor codes (CSI) and title/hyperlink sequences (OSC). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching escape sequences is the point
  return text.replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g, "");
}

function cap(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

/**
 * Removes personal data and secrets from text that leaves Suture: the prompt a coding agent
 * reads, the pull request, the Slack message. Errors carry whatever the failing app put in
 * them, and none of those readers needs a user's email or a live token to fix a bug.
 *
 * Order matters: URLs lose their query strings first (they hold most tokens and ids), then
 * well-known token shapes, then `key=value` secrets, then emails, addresses and user ids, and
 * last the generic "long random run" rule, so a recognised shape gets its precise label.
 *
 * Kept on purpose: 40-hex runs (commit SHAs — releases and the agent need them), version
 * strings like `v1.2.3`, `file.js:12:5` positions, UUIDs with dashes, and identifiers. A
 * dotted quad like `1.2.3.4` is scrubbed as an IP address: indistinguishable, and harmless.
 */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) {
    out = typeof replacement === "string" ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out.replace(LONG_RUN, (run) => (looksRandom(run) ? "[token]" : run));
}

type Rule = readonly [RegExp, string | ((match: string) => string)];

const SECRET_KEY = String.raw`[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|authorization|credentials?|session[_-]?id|cookie)[\w-]*`;
const USER_KEY = String.raw`(?<![A-Za-z0-9])(?:user(?:[_-]?id)?|userId|uid)`;
const IPV4 = String.raw`(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

const RULES: readonly Rule[] = [
  // Credentials in a URL's authority: https://user:pass@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@?#]+@/gi, "$1[credentials]@"],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>()[\]{}]*)[?#][^\s"'<>()[\]{}]*/gi, "$1?[query]"],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g, "Bearer [token]"],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, "[token]"],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, "[token]"],
  [/\b(?:sk|rk)[-_](?:live_|test_|proj-|ant-)?[A-Za-z0-9_-]{20,}/g, "[token]"],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, "[token]"],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, "[token]"],
  // `password=x`, `"token": "x"`, `api_key:x`. An unquoted key followed by ": " is prose
  // ("Invalid password: too short"), so that form needs the value right after the colon.
  [new RegExp(String.raw`(["'])(${SECRET_KEY})\1(\s*[:=]\s*)(["']?)[^\s"'&,;}]+`, "gi"), "$1$2$1$3$4[token]"],
  [new RegExp(String.raw`(?<![\w"'])(${SECRET_KEY})(\s*=\s*|:(?=\S))(["']?)[^\s"'&,;}]+`, "gi"), "$1$2$3[token]"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, "[email]"],
  [/(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4})?(?![\w:])/g, (match) => (isIpv6(match) ? "[ip]" : match)],
  [new RegExp(String.raw`(?<![\d.])${IPV4}(?!\.?\d)`, "g"), "[ip]"],
  [new RegExp(String.raw`(["'])(${USER_KEY})\1(\s*[:=]\s*)(["']?)[^\s"'&,;}[]+`, "gi"), "$1$2$1$3$4[user]"],
  [new RegExp(String.raw`(${USER_KEY})(\s*=\s*|:(?=[^\s[]))(["']?)[^\s"'&,;}[]+`, "gi"), "$1$2$3[user]"],
  // Prose form: "user id 123". The value must hold a digit, so "user id missing" stays.
  [/(?<![A-Za-z0-9])(user(?:[ _-]?id)?\s+#?)(?=[\w-]*\d)[\w-]+/gi, "$1[user]"],
];

function isIpv6(candidate: string): boolean {
  const halves = candidate.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  if (!groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  // A compressed address needs a digit so `Cafe::Bad`-like names stay; a full one needs 8 groups.
  return halves.length === 2 ? groups.length <= 7 && /\d/.test(candidate) : groups.length === 8;
}

const LONG_RUN = /(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/_=-])/g;

/**
 * Whether a long run of base64-ish characters is a secret rather than a path or identifier.
 * Hex runs of 32+ are secrets (hashes, API keys) unless exactly 40 long (a commit SHA). Mixed
 * runs count only when they hold both cases and digits, are not mostly English-looking words
 * (`handleCheckoutV2SubmissionForCartItems`), and are not a path of plain directory names.
 */
function looksRandom(run: string): boolean {
  if (/^[0-9a-f]+$/i.test(run)) return run.length !== 40;
  if (!/[a-z]/.test(run) || !/[A-Z]/.test(run) || !/\d/.test(run)) return false;
  const parts = run.split("/");
  if (parts.length > 1 && parts.some((part) => /^[A-Z]?[a-z]{2,}$|^[a-z][a-z_-]+$/.test(part))) return false;
  const wordy = Array.from(run.matchAll(/[A-Z]?[a-z]{3,}/g), (m) => m[0].length).reduce((a, b) => a + b, 0);
  return wordy / run.length < 0.6;
}

import { delivery } from "./fixtures.ts";

/** Text JavaScript parses from JSON and PostgreSQL refuses: NUL and lone surrogates, alone and mixed. */
export const UNSTORABLE = ["\u0000", "\ud800", "\udfff", "a\u0000b\udbff c"];

/** What the database holds instead: each unstorable code unit becomes U+FFFD. */
export const REPLACEMENT = "\ufffd";

interface IssueFixture {
  data: {
    issue: {
      shortId: string;
      title: string;
      culprit: string;
      level: string;
      count: string;
      project: { slug: string };
      metadata: { value: string };
      statusDetails?: Record<string, unknown>;
    };
  };
}

interface ErrorFixture {
  data: {
    error: {
      title: string;
      release: string;
      environment: string;
      culprit: string;
      tags: [string, string][];
      exception: { values: { value: string }[] };
    };
  };
}

function fixture<T>(name: string, replacements: [string, string][]): T {
  let text = new TextDecoder().decode(delivery(name).body);
  for (const [from, to] of replacements) text = text.replaceAll(from, to);
  return JSON.parse(text) as T;
}

/**
 * `issue.created` for issue `issueId`. With `bad`, it sits in the short id, title, culprit, level,
 * project slug and in what becomes jsonb (metadata, a statusDetails key and value).
 */
export function issueCreated(
  issueId: string,
  bad?: string,
  change: (issue: IssueFixture["data"]["issue"]) => void = () => {},
): string {
  const body = fixture<IssueFixture>("issue.created.json", [["6123456789", issueId]]);
  const { issue } = body.data;
  if (bad !== undefined) {
    issue.shortId = `POISON-${issueId}${bad}`;
    issue.title = `Title ${bad} of ${issueId}`;
    issue.culprit = `culprit${bad}`;
    issue.level = `error${bad}`;
    issue.project.slug = `slug${bad}`;
    issue.metadata.value = `value ${bad}`;
    issue.statusDetails = { [`key${bad}`]: `value${bad}` };
  }
  change(issue);
  return JSON.stringify(body);
}

/** `error.created` for event `eventId` of issue `issueId`; with `bad` in its title, release, environment and tags. */
export function errorCreated(eventId: string, issueId: string, bad?: string): string {
  const body = fixture<ErrorFixture>("error.created.json", [
    ["9fac2ceed9344f2bbfdd1fdacb0ed9b1", eventId],
    ["6123456789", issueId],
  ]);
  const { error } = body.data;
  if (bad !== undefined) {
    error.title = `Title ${bad} of ${eventId}`;
    error.release = `release${bad}`;
    error.environment = `env${bad}`;
    error.culprit = `culprit${bad}`;
    error.tags.push([`tag${bad}`, `value${bad}`]);
    for (const value of error.exception.values) value.value = `value ${bad}`;
  }
  return JSON.stringify(body);
}

/** A 32-hex event id, distinct per `prefix` and `n`. */
export const eventId = (prefix: string, n: number): string => `${prefix}${String(n).padStart(32 - prefix.length, "0")}`;

export interface MixedBatch {
  /** Every body, good and poisoned interleaved: [resource fixture name, body]. */
  bodies: { name: string; body: string; kind: "good" | "poisoned"; issueId: string }[];
}

/** 100 good deliveries and 90 poisoned ones (half issue.created, half error.created), interleaved. */
export function mixedBatch(tag: string): MixedBatch {
  const good: MixedBatch["bodies"] = [];
  const poisoned: MixedBatch["bodies"] = [];
  for (let n = 0; n < 50; n++) {
    good.push({ name: "issue.created.json", kind: "good", issueId: `${tag}1${n}`, body: issueCreated(`${tag}1${n}`) });
    good.push({
      name: "error.created.json",
      kind: "good",
      issueId: `${tag}2${n}`,
      body: errorCreated(eventId(`${tag}a`, n), `${tag}2${n}`),
    });
  }
  for (let n = 0; n < 45; n++) {
    const bad = UNSTORABLE[n % UNSTORABLE.length]!;
    poisoned.push({
      name: "issue.created.json",
      kind: "poisoned",
      issueId: `${tag}3${n}`,
      body: issueCreated(`${tag}3${n}`, bad),
    });
    poisoned.push({
      name: "error.created.json",
      kind: "poisoned",
      issueId: `${tag}4${n}`,
      body: errorCreated(eventId(`${tag}b`, n), `${tag}4${n}`, bad),
    });
  }
  const bodies: MixedBatch["bodies"] = [];
  for (let i = 0; i < good.length; i++) {
    bodies.push(good[i]!);
    if (poisoned[i]) bodies.push(poisoned[i]!);
  }
  return { bodies };
}

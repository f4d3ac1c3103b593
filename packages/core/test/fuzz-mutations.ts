import { readFileSync } from "node:fs";
import { fixturePath, listFixtures } from "@suture/sentry/fixtures";

/**
 * Mutated Sentry webhook bodies for the door's fuzz test: the real fixture bytes, made unique per
 * delivery, then broken in ways a sender (or a monitored app's text) can break them. Everything
 * here is deterministic for a seed, so a failure can be replayed.
 */

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

const encoder = new TextEncoder();
const texts = new Map<string, string>();

/** The fixture's bytes as text, read once. */
export function fixtureText(name: string): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = readFileSync(fixturePath(name), "utf8");
    texts.set(name, text);
  }
  return text;
}

export const fuzzFixtures = (): string[] => listFixtures();

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/**
 * The fixture with the ids its dedup key is made of replaced by ones unique to (`prefix`, `n`), as
 * a text replacement so the rest stays byte for byte what Sentry sent. Issue ids, event ids,
 * comment, incident, Seer run and build ids, and the uuid of an installation event.
 */
export function uniqueBody(name: string, prefix: "7" | "9", n: number): string {
  let text = fixtureText(name)
    .replaceAll("6123456789", `${prefix}${pad(n, 9)}`)
    .replaceAll("9fac2ceed9344f2bbfdd1fdacb0ed9b1", `${prefix}${pad(n, 31)}`)
    .replaceAll("bb78c1407cea4519aa397afc059c793d", `${prefix}${pad(n, 31)}`)
    .replace(/"comment_id":1234\b/, `"comment_id":${prefix}${pad(n, 6)}`)
    .replace(/"run_id":1234[56]\b/, `"run_id":${prefix}${pad(n, 6)}`)
    .replace('"buildId":"72"', `"buildId":"${prefix}${pad(n, 6)}"`);
  if (name.startsWith("metric_alert.")) text = text.replace('"id":"4"', `"id":"${prefix}${pad(n, 6)}"`);
  if (name.startsWith("installation."))
    text = text.replaceAll("a8e5d37a-696c-4c54-adb5-b3f28d64c7de", `${prefix}0000000-0000-4000-8000-${pad(n, 12)}`);
  return text;
}

/** What JavaScript parses from JSON escapes and PostgreSQL refuses, alone and mixed. */
const UNSTORABLE = ["\u0000", "\ud800", "\udfff", "\udbff\u0000", "a\u0000b\udbff c", "\udc00\ud800", "\u0000\u0000"];

/** The same, spelled as JSON escapes for text-level insertion into a string. */
const UNSTORABLE_ESCAPES = ["\\u0000", "\\ud800", "\\udfff", "\\udbff\\u0000", "\\udc00\\ud800", "x\\u0000\\ud83d"];

/** Escapes JSON does not have, or cut short: the body is no longer JSON. */
const INVALID_ESCAPES = ["\\u00", "\\uZZZZ", "\\x00", "\\U0000d800", "\\'", "\\0", "\\ud800\\u", "\\u{0}", "\\"];

/** Bytes that are not UTF-8: a lone continuation, overlong NUL, an encoded surrogate, 5 bytes, cut short. */
const INVALID_UTF8 = [[0xff], [0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

/** Valid but unusual text: non-characters, line separators, an astral emoji, RTL override. */
const ODD_TEXT = ["\uffff", "\ufffe", "\u2028\u2029", "\ud83d\ude00", "\u202e", "\u0001\u001f", "\ufeff"];

const RESOURCES = [
  "issue",
  "error",
  "comment",
  "event_alert",
  "metric_alert",
  "installation",
  "seer",
  "preprod_artifact",
  "size_analysis",
  "widget",
  "Issue",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "x".repeat(64),
];

const ACTIONS = [
  "created",
  "deleted",
  "resolved",
  "triggered",
  "critical",
  "archived",
  "frobnicated",
  "__proto__",
  "constructor",
  "toString",
  "CREATED",
  "a".repeat(64),
  "a".repeat(65),
  "",
  " created",
  "created\u0000",
  "cre\ud800ted",
  "créé",
];

/** Where the issue's "done when" asks for poison: what becomes text columns and jsonb. */
const TARGETS: (string | number)[][] = [
  ["action"],
  ["installation", "uuid"],
  ["data", "issue", "id"],
  ["data", "issue", "shortId"],
  ["data", "issue", "title"],
  ["data", "issue", "culprit"],
  ["data", "issue", "level"],
  ["data", "issue", "status"],
  ["data", "issue", "project", "slug"],
  ["data", "issue", "metadata", "value"],
  ["data", "issue", "firstSeen"],
  ["data", "issue", "lastSeen"],
  ["data", "error", "event_id"],
  ["data", "error", "issue_id"],
  ["data", "error", "title"],
  ["data", "error", "release"],
  ["data", "error", "environment"],
  ["data", "error", "culprit"],
  ["data", "error", "tags", 0, 1],
  ["data", "error", "tags", 1, 0],
  ["data", "event", "title"],
  ["data", "event", "release"],
  ["data", "event", "environment"],
  ["data", "event", "tags", 0, 1],
  ["data", "comment"],
  ["data", "project_slug"],
  ["data", "metric_alert", "title"],
  ["data", "description_text"],
  ["data", "installation", "uuid"],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function get(root: Json, path: Path): Json | undefined {
  let value: Json | undefined = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, Json>)[key];
  }
  return value;
}

function set(root: Json, path: Path, value: Json): void {
  const parent = get(root, path.slice(0, -1));
  if (parent !== null && typeof parent === "object") (parent as Record<string | number, Json>)[path.at(-1)!] = value;
}

function remove(root: Json, path: Path): void {
  const parent = get(root, path.slice(0, -1));
  const key = path.at(-1)!;
  if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
  else if (parent !== null && typeof parent === "object") delete (parent as Record<string, Json>)[key];
}

/** Every path in the document (the root excluded), at most `limit`, breadth-first. */
function paths(root: Json, limit = 2000): Path[] {
  const found: Path[] = [];
  const queue: [Json, Path][] = [[root, []]];
  for (let item = queue.shift(); item && found.length < limit; item = queue.shift()) {
    const [value, path] = item;
    if (value === null || typeof value !== "object") continue;
    const entries: [string | number, Json][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    for (const [key, child] of entries) {
      found.push([...path, key]);
      queue.push([child, [...path, key]]);
    }
  }
  return found;
}

const insertAt = (text: string, random: Random, piece: string): string => {
  const at = random.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
};

/** Every string value and every key in the document, poisoned. */
function poisonAll(value: Json, random: Random): Json {
  if (typeof value === "string") return insertAt(value, random, random.pick(UNSTORABLE));
  if (Array.isArray(value)) return value.map((v) => poisonAll(v, random));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [insertAt(k, random, random.pick(UNSTORABLE)), poisonAll(v, random)]),
  );
}

function nested(depth: number, random: Random): Json {
  let value: Json = random.pick<Json>(["leaf\u0000", 1, null, "x"]);
  for (let i = 0; i < depth; i++) value = random.chance(0.5) ? [value] : { [`k${i % 7}`]: value };
  return value;
}

function replacement(random: Random): Json {
  return random.pick<() => Json>([
    () => random.int(2 ** 31) - 2 ** 30,
    () => 0,
    () => -0,
    () => 1.5,
    () => 1e308,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => null,
    () => true,
    () => "",
    () => "0",
    () => "99999999999999999999999",
    // Names Object.prototype has: a lookup table indexed by payload text must not find them.
    () => random.pick(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]),
    () => ({}),
    () => ({ nested: { value: "x\u0000" } }),
    () => [],
    () => ["a", 1, null],
    () => [["environment", "production"]],
  ])();
}

function longString(random: Random): string {
  const unit = random.pick(["a", "é", "\ud83d\ude00", "\u0000", "\ud800", "word ", "jane.doe@example.com "]);
  const chars = 100 * 1024;
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars) + random.pick(["", "\u0000", "\ud800"]);
}

type Structural = (root: Json, random: Random) => string;

/** Mutations of the parsed document; each returns its name (with the path it touched). */
const STRUCTURAL: Record<string, Structural> = {
  "poison-all": (root, random) => {
    for (const key of Object.keys(root as object)) {
      (root as Record<string, Json>)[key] = poisonAll((root as Record<string, Json>)[key]!, random);
    }
    return "poison-all";
  },
  "poison-target": (root, random) => {
    const existing = TARGETS.filter((p) => typeof get(root, p) === "string");
    const strings = paths(root).filter((p) => typeof get(root, p) === "string");
    const path = existing.length && random.chance(0.6) ? random.pick(existing) : random.pick(strings);
    if (!path) return "poison-target(none)";
    set(root, path, insertAt(get(root, path) as string, random, random.pick(UNSTORABLE)));
    return `poison ${path.join(".")}`;
  },
  "poison-key": (root, random) => {
    const keyed = paths(root).filter((p) => typeof p.at(-1) === "string");
    const path = random.pick(keyed);
    const parent = get(root, path.slice(0, -1)) as Record<string, Json>;
    const key = path.at(-1) as string;
    const value = parent[key]!;
    delete parent[key];
    parent[insertAt(key, random, random.pick(UNSTORABLE))] = value;
    return `poison key ${path.join(".")}`;
  },
  retype: (root, random) => {
    const all = paths(root);
    const path = random.chance(0.3) ? random.pick(TARGETS) : random.pick(all);
    if (get(root, path) === undefined && random.chance(0.5)) return "retype(none)";
    set(root, path, replacement(random));
    return `retype ${path.join(".")}`;
  },
  delete: (root, random) => {
    const path = random.chance(0.3)
      ? random.pick([["action"], ["data"], ["installation"], ...TARGETS])
      : random.pick(paths(root));
    remove(root, path);
    return `delete ${path.join(".")}`;
  },
  long: (root, random) => {
    const existing = TARGETS.filter((p) => typeof get(root, p) === "string");
    const strings = paths(root).filter((p) => typeof get(root, p) === "string");
    const path = existing.length && random.chance(0.5) ? random.pick(existing) : random.pick(strings);
    if (!path) return "long(none)";
    set(root, path, longString(random));
    return `long ${path.join(".")}`;
  },
  "long-key": (root, random) => {
    const data = get(root, ["data"]);
    if (data === null || typeof data !== "object" || Array.isArray(data)) return "long-key(none)";
    data[longString(random)] = "value";
    return "long key in data";
  },
  nest: (root, random) => {
    const depth = random.pick([20, 100, 400, 505]);
    const containers = paths(root).filter((p) => {
      const v = get(root, p);
      return v !== null && typeof v === "object";
    });
    const path = containers.length && random.chance(0.7) ? random.pick(containers) : ["data", "deep"];
    set(root, path, nested(depth, random));
    return `nest ${depth} at ${path.join(".")}`;
  },
  action: (root, random) => {
    (root as Record<string, Json>).action = random.pick(ACTIONS);
    return "action";
  },
  "many-keys": (root, random) => {
    const data = get(root, ["data"]);
    if (data === null || typeof data !== "object" || Array.isArray(data)) return "many-keys(none)";
    for (let i = 0; i < 5000; i++) data[`k${i}${random.pick(["", "\u0000", "\ud800"])}`] = i;
    return "many keys in data";
  },
  "odd-text": (root, random) => {
    const strings = paths(root).filter((p) => typeof get(root, p) === "string");
    for (let i = 0; i < 5 && strings.length; i++) {
      const path = random.pick(strings);
      set(root, path, insertAt(get(root, path) as string, random, random.pick(ODD_TEXT)));
    }
    return "odd-text";
  },
};

/** Where each string's contents are in a JSON text: [start, end) pairs. */
function stringSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (start >= 0) {
      if (c === 0x5c) i++;
      else if (c === 0x22) {
        spans.push([start, i]);
        start = -1;
      }
    } else if (c === 0x22) start = i + 1;
  }
  return spans;
}

function insideString(text: string, random: Random, piece: string): string {
  const spans = stringSpans(text);
  if (!spans.length) return insertAt(text, random, piece);
  const [start, end] = random.pick(spans);
  let at = start + random.int(end - start + 1);
  // Never split an escape: move to the start of the span when it could land inside one.
  if (text.slice(start, end).includes("\\")) at = start;
  return text.slice(0, at) + piece + text.slice(at);
}

type Textual = (text: string, random: Random) => { text: string; name: string };

/** Mutations of the text (the parsed document is not needed, the bytes stay as they are). */
const TEXTUAL: Record<string, Textual> = {
  "escape-unstorable": (text, random) => {
    const piece = random.pick(UNSTORABLE_ESCAPES);
    return { text: insideString(text, random, piece), name: `escape ${piece}` };
  },
  "escape-invalid": (text, random) => {
    const piece = random.pick(INVALID_ESCAPES);
    return { text: insideString(text, random, piece), name: `invalid escape ${piece}` };
  },
  "deep-10000": (text, random) => {
    const depth = random.pick([513, 10_000]);
    const open = random.chance(0.5) ? "[" : '{"a":';
    const close = open === "[" ? "]" : "}";
    const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
    return random.chance(0.5)
      ? { text: text.replace('"data":{', `"data":{"deep":${deep},`), name: `deep ${depth} in data` }
      : { text: `${"[".repeat(depth)}${text}${"]".repeat(depth)}`, name: `deep ${depth} around` };
  },
  "duplicate-key": (text, random) => {
    const value = JSON.stringify(
      random.pick<Json>(["resolved", "x\u0000", "\ud800", 1, null, {}, [], "6f1d2c3b-0000-4000-8000-000000000001"]),
    );
    const key = random.pick(["action", "data", "installation", "uuid", "id", "title", "shortId", "release"]);
    if (random.chance(0.5) && text.trimEnd().endsWith("}")) {
      // The duplicate comes last at the root: JSON.parse keeps it.
      const end = text.lastIndexOf("}");
      return { text: `${text.slice(0, end)},"${key}":${value}${text.slice(end)}`, name: `duplicate ${key} last` };
    }
    // The duplicate comes first in some object: the original, later, wins.
    const opens = [...text.matchAll(/\{"([^"\\]+)":/g)];
    if (!opens.length) return { text, name: "duplicate(none)" };
    const match = random.pick(opens);
    const at = match.index + 1;
    return {
      text: `${text.slice(0, at)}"${match[1]}":${value},${text.slice(at)}`,
      name: `duplicate ${match[1]} first`,
    };
  },
  "raw-control": (text, random) => {
    const piece = random.pick(["\u0000", "\u0001", "\n", "\t", "\u001f"]);
    return { text: insideString(text, random, piece), name: `raw U+${piece.charCodeAt(0).toString(16)}` };
  },
  number: (text, random) => {
    const value = random.pick(["1e999", "-1e999", "99999999999999999999999", "-0", "1.0e-400", "0x10", "NaN", "01"]);
    const numbers = [...text.matchAll(/:(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([,}\]])/g)];
    if (!numbers.length) return { text, name: "number(none)" };
    const match = random.pick(numbers);
    const at = match.index + 1;
    return {
      text: `${text.slice(0, at)}${value}${text.slice(at + match[1]!.length)}`,
      name: `number ${value}`,
    };
  },
  "string-number": (text, random) => {
    // Numbers Sentry sends as strings ("count":"1") made ones no column holds.
    const value = random.pick(["99999999999999999999999", "-1", "1e5", "NaN", "", "1.5"]);
    const numbers = [...text.matchAll(/"(\d+)"/g)];
    if (!numbers.length) return { text, name: "string-number(none)" };
    const match = random.pick(numbers);
    return {
      text: `${text.slice(0, match.index + 1)}${value}${text.slice(match.index + 1 + match[1]!.length)}`,
      name: `string number ${value}`,
    };
  },
  truncate: (text, random) => {
    const at = random.int(text.length);
    return { text: text.slice(0, at), name: `truncate ${at}/${text.length}` };
  },
  "not-an-object": (_text, random) => {
    const text = random.pick(["", " ", "null", "[]", '"issue"', "0", "true", "{}", '{"action":"created"}', "\ufeff{}"]);
    return { text, name: `body ${JSON.stringify(text)}` };
  },
  bom: (text) => ({ text: `\ufeff${text}`, name: "bom" }),
};

/** Byte-level mutations, after encoding. */
function invalidUtf8(bytes: Uint8Array, text: string, random: Random): Uint8Array<ArrayBuffer> {
  const spans = stringSpans(text);
  const [start] = spans.length ? random.pick(spans) : [random.int(text.length + 1)];
  const at = encoder.encode(text.slice(0, start)).byteLength;
  const piece = random.pick(INVALID_UTF8);
  const out = new Uint8Array(bytes.byteLength + piece.length);
  out.set(bytes.subarray(0, at));
  out.set(piece, at);
  out.set(bytes.subarray(at), at + piece.length);
  return out;
}

export interface Mutant {
  fixture: string;
  resource: string;
  body: Uint8Array<ArrayBuffer>;
  /** What was done to it, in order: enough to read a failure. */
  mutations: string[];
}

const STRUCTURAL_WEIGHTS: [string, number][] = [
  ["poison-all", 6],
  ["poison-target", 14],
  ["poison-key", 5],
  ["retype", 12],
  ["delete", 8],
  ["long", 3],
  ["long-key", 1],
  ["nest", 2],
  ["action", 4],
  ["many-keys", 1],
  ["odd-text", 3],
];

const TEXTUAL_WEIGHTS: [string, number][] = [
  ["escape-unstorable", 10],
  ["escape-invalid", 4],
  ["deep-10000", 2],
  ["duplicate-key", 6],
  ["raw-control", 2],
  ["number", 5],
  ["string-number", 4],
  ["truncate", 3],
  ["not-an-object", 1],
  ["bom", 1],
];

function weighted(random: Random, weights: [string, number][]): string {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let roll = random.next() * total;
  for (const [name, w] of weights) if ((roll -= w) < 0) return name;
  return weights[0]![0];
}

/**
 * Mutant number `n`: a fixture made unique, then one to three mutations of its document, its text,
 * its bytes or its resource header. Without structural ones, the fixture's bytes are kept.
 */
export function mutant(random: Random, n: number): Mutant {
  const fixture = random.pick(fuzzFixtures());
  let resource = fixture.split(".")[0]!;
  let text = uniqueBody(fixture, "7", n);
  const mutations: string[] = [];
  const count = 1 + random.int(3);
  const kinds = Array.from({ length: count }, () => random.pick(["structural", "structural", "textual", "other"]));

  if (kinds.includes("structural")) {
    const root = JSON.parse(text) as Json;
    for (const kind of kinds)
      if (kind === "structural") mutations.push(STRUCTURAL[weighted(random, STRUCTURAL_WEIGHTS)]!(root, random));
    text = JSON.stringify(root);
  }
  let invalidBytes = false;
  for (const kind of kinds) {
    if (kind === "textual") {
      const result = TEXTUAL[weighted(random, TEXTUAL_WEIGHTS)]!(text, random);
      text = result.text;
      mutations.push(result.name);
    } else if (kind === "other") {
      if (random.chance(0.5)) {
        resource = random.pick(RESOURCES);
        mutations.push(`resource ${resource.length > 20 ? `${resource.slice(0, 8)}…` : resource}`);
      } else invalidBytes = true;
    }
  }
  let body = encoder.encode(text);
  if (invalidBytes) {
    body = invalidUtf8(body, text, random);
    mutations.push("invalid UTF-8");
  }
  return { fixture, resource, body, mutations };
}

/** Good delivery number `n`: an unmodified fixture (no installation event) with ids of its own. */
export function good(random: Random, n: number): { fixture: string; resource: string; body: Uint8Array<ArrayBuffer> } {
  const fixture = random.pick(fuzzFixtures().filter((name) => !name.startsWith("installation.")));
  return { fixture, resource: fixture.split(".")[0]!, body: encoder.encode(uniqueBody(fixture, "9", n)) };
}

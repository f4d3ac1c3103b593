import { tokenize, type Token } from "./cel-lexer.ts";

// CEL turns a failed lookup into an error value, not null; Inngest then treats the
// whole expression as "no match". We model that with a sentinel so `x != "a"` on a
// missing field is not silently true.
export const CEL_ERROR: unique symbol = Symbol("cel-error");
export type CelValue = unknown;
export type CelProgram = (vars: Readonly<Record<string, unknown>>) => CelValue;

export class CelSyntaxError extends Error {
  constructor(source: string, detail: string) {
    super(`unsupported expression ${JSON.stringify(source)}: ${detail}`);
    this.name = "CelSyntaxError";
  }
}

const COMPARATORS = new Set(["==", "!=", "<", "<=", ">", ">="]);

/**
 * Compile the small CEL subset apps use in `if`/`key` expressions: literals, dotted or
 * bracketed paths rooted at one of `roots`, comparisons, `!`, `&&`, `||`, parentheses.
 * Anything else throws at compile time so misconfiguration surfaces at registration.
 */
export function compileCel(source: string, roots: readonly string[] = ["event", "async"]): CelProgram {
  const tokens = tokenize(source, (detail) => new CelSyntaxError(source, detail));
  let pos = 0;
  const fail = (detail: string): never => {
    throw new CelSyntaxError(source, detail);
  };
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (value: string): boolean => peek()?.kind === "op" && peek()?.value === value;
  const expectOp = (value: string): void => {
    if (!isOp(value)) fail(`expected "${value}" at offset ${peek()?.offset ?? source.length}`);
    pos++;
  };

  const parseOr = (): CelProgram => {
    let left = parseAnd();
    while (isOp("||")) {
      pos++;
      const l = left;
      const r = parseAnd();
      left = (vars) => logical(l(vars), () => r(vars), true);
    }
    return left;
  };
  const parseAnd = (): CelProgram => {
    let left = parseUnary();
    while (isOp("&&")) {
      pos++;
      const l = left;
      const r = parseUnary();
      left = (vars) => logical(l(vars), () => r(vars), false);
    }
    return left;
  };
  const parseUnary = (): CelProgram => {
    if (isOp("!")) {
      pos++;
      const inner = parseUnary();
      return (vars) => {
        const v = inner(vars);
        return typeof v === "boolean" ? !v : CEL_ERROR;
      };
    }
    return parseComparison();
  };
  const parseComparison = (): CelProgram => {
    const left = parsePrimary();
    const tok = peek();
    if (tok?.kind !== "op" || !COMPARATORS.has(tok.value)) return left;
    pos++;
    const right = parsePrimary();
    const op = tok.value;
    return (vars) => compare(op, left(vars), right(vars));
  };
  const parsePrimary = (): CelProgram => {
    const tok = peek();
    if (!tok) return fail("unexpected end of expression");
    pos++;
    if (tok.kind === "literal") {
      const value = tok.literal;
      return () => value;
    }
    if (tok.kind === "op" && tok.value === "(") {
      const inner = parseOr();
      expectOp(")");
      return inner;
    }
    if (tok.kind === "ident") {
      if (isOp("(")) fail(`function calls like ${tok.value}() are not supported`);
      return parsePath(tok.value);
    }
    return fail(`unexpected "${tok.value}" at offset ${tok.offset}`);
  };
  const parsePath = (root: string): CelProgram => {
    if (!roots.includes(root)) fail(`unknown identifier "${root}" (allowed: ${roots.join(", ")})`);
    const segments: string[] = [];
    for (;;) {
      if (isOp(".")) {
        pos++;
        const next = peek();
        if (next?.kind !== "ident") fail(`expected a field name after "." at offset ${next?.offset ?? source.length}`);
        segments.push((next as Token).value);
        pos++;
      } else if (isOp("[")) {
        pos++;
        const next = peek();
        if (next?.kind !== "literal" || typeof next.literal !== "string")
          fail("only string keys are supported in [...]");
        segments.push(String((next as Token).literal));
        pos++;
        expectOp("]");
      } else if (isOp("(")) {
        return fail(`method calls like .${segments[segments.length - 1] ?? ""}() are not supported`);
      } else break;
    }
    return (vars) => lookup(vars[root], segments);
  };

  const program = parseOr();
  if (pos < tokens.length) fail(`unexpected "${tokens[pos]?.value}" at offset ${tokens[pos]?.offset}`);
  return program;
}

/** True only for a boolean `true` result; errors and non-booleans never match. */
export function celMatches(program: CelProgram, vars: Readonly<Record<string, unknown>>): boolean {
  return program(vars) === true;
}

function lookup(root: unknown, segments: readonly string[]): CelValue {
  let current: unknown = root;
  for (const segment of segments) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return CEL_ERROR;
    if (!Object.hasOwn(current, segment)) return CEL_ERROR;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === undefined ? CEL_ERROR : current;
}

// CEL's commutative error absorption: `false && err` is false and `true || err` is true.
function logical(left: CelValue, right: () => CelValue, isOr: boolean): CelValue {
  if (left === isOr) return isOr;
  const r = right();
  if (r === isOr) return isOr;
  if (left === CEL_ERROR || r === CEL_ERROR) return CEL_ERROR;
  if (typeof left !== "boolean" || typeof r !== "boolean") return CEL_ERROR;
  return isOr ? left || r : left && r;
}

function compare(op: string, a: CelValue, b: CelValue): CelValue {
  if (a === CEL_ERROR || b === CEL_ERROR) return CEL_ERROR;
  if (op === "==") return deepEqual(a, b);
  if (op === "!=") return !deepEqual(a, b);
  const bothNumbers = typeof a === "number" && typeof b === "number";
  const bothStrings = typeof a === "string" && typeof b === "string";
  if (!bothNumbers && !bothStrings) return CEL_ERROR;
  const x = a as number | string;
  const y = b as number | string;
  if (op === "<") return x < y;
  if (op === "<=") return x <= y;
  if (op === ">") return x > y;
  return x >= y;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

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
  return new CelParser(source, roots).parseProgram();
}

/** A recursive-descent parser over the token list; each `parse*` builds a program for its rule. */
class CelParser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly roots: readonly string[],
  ) {
    this.tokens = tokenize(source, (detail) => new CelSyntaxError(source, detail));
  }

  parseProgram(): CelProgram {
    const program = this.parseOr();
    const rest = this.tokens[this.pos];
    if (rest) this.fail(`unexpected "${rest.value}" at offset ${rest.offset}`);
    return program;
  }

  private fail(detail: string): never {
    throw new CelSyntaxError(this.source, detail);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(value: string): boolean {
    const tok = this.peek();
    return tok?.kind === "op" && tok.value === value;
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) this.fail(`expected "${value}" at offset ${this.peek()?.offset ?? this.source.length}`);
    this.pos++;
  }

  private parseOr(): CelProgram {
    let left = this.parseAnd();
    while (this.isOp("||")) {
      this.pos++;
      const l = left;
      const r = this.parseAnd();
      left = (vars) => logical(l(vars), () => r(vars), true);
    }
    return left;
  }

  private parseAnd(): CelProgram {
    let left = this.parseUnary();
    while (this.isOp("&&")) {
      this.pos++;
      const l = left;
      const r = this.parseUnary();
      left = (vars) => logical(l(vars), () => r(vars), false);
    }
    return left;
  }

  private parseUnary(): CelProgram {
    if (!this.isOp("!")) return this.parseComparison();
    this.pos++;
    const inner = this.parseUnary();
    return (vars) => {
      const v = inner(vars);
      return typeof v === "boolean" ? !v : CEL_ERROR;
    };
  }

  private parseComparison(): CelProgram {
    const left = this.parsePrimary();
    const tok = this.peek();
    if (tok?.kind !== "op" || !COMPARATORS.has(tok.value)) return left;
    this.pos++;
    const right = this.parsePrimary();
    const op = tok.value;
    return (vars) => compare(op, left(vars), right(vars));
  }

  private parsePrimary(): CelProgram {
    const tok = this.peek();
    if (!tok) return this.fail("unexpected end of expression");
    this.pos++;
    if (tok.kind === "literal") {
      const value = tok.literal;
      return () => value;
    }
    if (tok.kind === "op" && tok.value === "(") {
      const inner = this.parseOr();
      this.expectOp(")");
      return inner;
    }
    if (tok.kind === "ident") {
      if (this.isOp("(")) this.fail(`function calls like ${tok.value}() are not supported`);
      return this.parsePath(tok.value);
    }
    return this.fail(`unexpected "${tok.value}" at offset ${tok.offset}`);
  }

  private parsePath(root: string): CelProgram {
    if (!this.roots.includes(root)) this.fail(`unknown identifier "${root}" (allowed: ${this.roots.join(", ")})`);
    const segments: string[] = [];
    for (;;) {
      if (this.isOp(".")) segments.push(this.parseField());
      else if (this.isOp("[")) segments.push(this.parseIndex());
      else if (this.isOp("("))
        this.fail(`method calls like .${segments[segments.length - 1] ?? ""}() are not supported`);
      else break;
    }
    return (vars) => lookup(vars[root], segments);
  }

  /** `.name` */
  private parseField(): string {
    this.pos++;
    const next = this.peek();
    if (next?.kind !== "ident")
      this.fail(`expected a field name after "." at offset ${next?.offset ?? this.source.length}`);
    this.pos++;
    return next.value;
  }

  /** `["key"]` */
  private parseIndex(): string {
    this.pos++;
    const next = this.peek();
    if (next?.kind !== "literal" || typeof next.literal !== "string")
      this.fail("only string keys are supported in [...]");
    this.pos++;
    this.expectOp("]");
    return next.literal;
  }
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
  return ordered(op, a, b);
}

function ordered(op: string, x: number | string, y: number | string): boolean {
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

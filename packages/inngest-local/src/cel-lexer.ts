export interface Token {
  kind: "op" | "ident" | "literal";
  value: string;
  literal?: string | number | boolean | null;
  offset: number;
}

const OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", ".", "[", "]"];
const KEYWORDS: Record<string, boolean | null> = { true: true, false: false, null: null };
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"' };

export function tokenize(source: string, error: (detail: string) => Error): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === "'") {
      let text = "";
      i++;
      while (i < source.length && source[i] !== ch) {
        if (source[i] === "\\") {
          const escaped = ESCAPES[source[i + 1] ?? ""];
          if (escaped === undefined) throw error(`unsupported escape at offset ${i}`);
          text += escaped;
          i += 2;
        } else text += source[i++];
      }
      if (i >= source.length) throw error(`unterminated string at offset ${start}`);
      i++;
      tokens.push({ kind: "literal", value: source.slice(start, i), literal: text, offset: start });
      continue;
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i));
    const prev = tokens[tokens.length - 1];
    const negativeAllowed = !prev || (prev.kind === "op" && prev.value !== ")" && prev.value !== "]");
    if (number && (ch !== "-" || negativeAllowed)) {
      i += number[0].length;
      tokens.push({ kind: "literal", value: number[0], literal: Number(number[0]), offset: start });
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident) {
      i += ident[0].length;
      const word = ident[0];
      if (Object.hasOwn(KEYWORDS, word))
        tokens.push({ kind: "literal", value: word, literal: KEYWORDS[word], offset: start });
      else tokens.push({ kind: "ident", value: word, offset: start });
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw error(`unsupported character "${ch}" at offset ${i}`);
    i += op.length;
    tokens.push({ kind: "op", value: op, offset: start });
  }
  return tokens;
}

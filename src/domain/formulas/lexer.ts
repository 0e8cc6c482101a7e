import { FormulaError } from "./errors.ts";

export type TokenKind = "number" | "text" | "identifier" | "punctuation" | "end";

export interface Token {
  kind: TokenKind;
  /** The punctuation or identifier as written, the decoded string, or the number's source text. */
  text: string;
  pos: number;
}

// Longest first, so `>=` wins over `>` and `===` over `==`. `===`/`!==` are accepted because Notion's
// own help page writes `!==` in an example (relation filters), and users paste it.
const PUNCTUATION = [
  "===",
  "!==",
  "==",
  "!=",
  ">=",
  "<=",
  "&&",
  "||",
  "(",
  ")",
  "[",
  "]",
  ",",
  ".",
  "?",
  ":",
  "+",
  "-",
  "*",
  "/",
  "%",
  "^",
  ">",
  "<",
  "!",
];

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "'": "'" };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isIdentifierStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_$]/.test(c);
const isIdentifierPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$]/.test(c);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === undefined) break;
    if (/\s/.test(c)) {
      i += 1;
    } else if (source.startsWith("/*", i)) {
      // Notion 2.0 allows block comments anywhere whitespace is allowed.
      const close = source.indexOf("*/", i + 2);
      if (close < 0) throw new FormulaError("Unterminated comment.", i);
      i = close + 2;
    } else if (isDigit(c) || (c === "." && isDigit(source[i + 1]))) {
      i = readNumber(source, i, tokens);
    } else if (c === '"') {
      i = readString(source, i, tokens);
    } else if (isIdentifierStart(c)) {
      const start = i;
      while (isIdentifierPart(source[i])) i += 1;
      tokens.push({ kind: "identifier", text: source.slice(start, i), pos: start });
    } else {
      const punctuation = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (punctuation === undefined) throw new FormulaError(`Unexpected character "${c}".`, i);
      tokens.push({ kind: "punctuation", text: punctuation, pos: i });
      i += punctuation.length;
    }
  }
  tokens.push({ kind: "end", text: "", pos: source.length });
  return tokens;
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  let i = start;
  while (isDigit(source[i])) i += 1;
  // A dot only belongs to the number when a digit follows, so `10.abs()` is a method call on 10.
  if (source[i] === "." && isDigit(source[i + 1])) {
    i += 1;
    while (isDigit(source[i])) i += 1;
  }
  if (source[i] === "e" || source[i] === "E") {
    let j = i + 1;
    if (source[j] === "+" || source[j] === "-") j += 1;
    if (isDigit(source[j])) {
      while (isDigit(source[j])) j += 1;
      i = j;
    }
  }
  if (isIdentifierPart(source[i]))
    throw new FormulaError(`Invalid number "${source.slice(start, i + 1)}".`, start);
  tokens.push({ kind: "number", text: source.slice(start, i), pos: start });
  return i;
}

function readString(source: string, start: number, tokens: Token[]): number {
  let i = start + 1;
  let value = "";
  for (;;) {
    const c = source[i];
    if (c === undefined) throw new FormulaError("Unterminated string.", start);
    if (c === '"') break;
    if (c !== "\\") {
      value += c;
      i += 1;
      continue;
    }
    const next = source[i + 1];
    if (next === undefined) throw new FormulaError("Unterminated string.", start);
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
      i += 6;
      continue;
    }
    // Unknown escapes keep their backslash: regular expressions are written in strings ("\d+"), and
    // dropping the backslash as JavaScript does would silently change their meaning.
    value += ESCAPES[next] ?? `\\${next}`;
    i += 2;
  }
  tokens.push({ kind: "text", text: value, pos: start });
  return i + 1;
}

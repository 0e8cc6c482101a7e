import type { BinaryOperator, Node } from "./ast.ts";
import { FormulaError } from "./errors.ts";
import { tokenize, type Token } from "./lexer.ts";

// Deep nesting is legal but a formula nested this deep is an attack on the stack, not a formula.
const MAX_DEPTH = 200;

// Binary levels from loosest to tightest. The ternary sits below all of them; unary operators, `^`
// (right-associative, so `2 ^ 3 ^ 2` is 512) and method calls above. `-2 ^ 2` is -4, as in
// mathematics and Notion, because `^` binds tighter than unary minus.
const LEVELS: ReadonlyArray<Readonly<Record<string, BinaryOperator>>> = [
  { or: "or", "||": "or" },
  { and: "and", "&&": "and" },
  { "==": "==", "===": "==", "!=": "!=", "!==": "!=" },
  { ">": ">", ">=": ">=", "<": "<", "<=": "<=" },
  { "+": "+", "-": "-" },
  { "*": "*", "/": "/", "%": "%" },
];

export function parseFormula(source: string): Node {
  if (source.trim() === "") throw new FormulaError("Formula is empty.", 0);
  const parser = new Parser(tokenize(source));
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  expression(): Node {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new FormulaError("Formula is nested too deeply.", this.peek().pos);
    try {
      return this.conditional();
    } finally {
      this.depth -= 1;
    }
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== "end") throw unexpected(token);
  }

  private conditional(): Node {
    const test = this.binary(0);
    const question = this.peek();
    if (!this.isPunctuation(question, "?")) return test;
    this.index += 1;
    const consequent = this.expression();
    this.expect(":");
    const alternate = this.expression();
    return { kind: "conditional", test, consequent, alternate, pos: question.pos };
  }

  private binary(level: number): Node {
    const operators = LEVELS[level];
    if (operators === undefined) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      const candidate = token.kind === "punctuation" || token.kind === "identifier";
      const operator = candidate && Object.hasOwn(operators, token.text) ? operators[token.text] : undefined;
      if (operator === undefined) return left;
      this.index += 1;
      const right = this.binary(level + 1);
      left = { kind: "binary", operator, left, right, pos: token.pos };
    }
  }

  private unary(): Node {
    const token = this.peek();
    const operator =
      this.isPunctuation(token, "-") || this.isPunctuation(token, "+")
        ? token.text
        : this.isPunctuation(token, "!") || (token.kind === "identifier" && token.text === "not")
          ? "not"
          : undefined;
    if (operator === undefined) return this.power();
    this.index += 1;
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new FormulaError("Formula is nested too deeply.", token.pos);
    const operand = this.unary();
    this.depth -= 1;
    return { kind: "unary", operator: operator as "-" | "+" | "not", operand, pos: token.pos };
  }

  private power(): Node {
    const base = this.postfix();
    const token = this.peek();
    if (!this.isPunctuation(token, "^")) return base;
    this.index += 1;
    const exponent = this.unary();
    return { kind: "binary", operator: "^", left: base, right: exponent, pos: token.pos };
  }

  private postfix(): Node {
    let node = this.primary();
    while (this.isPunctuation(this.peek(), ".")) {
      const dot = this.next();
      const name = this.next();
      if (name.kind !== "identifier") throw new FormulaError('Expected a function name after ".".', name.pos);
      if (!this.isPunctuation(this.peek(), "(")) {
        throw new FormulaError(`Expected "(" after ".${name.text}".`, this.peek().pos);
      }
      node = { kind: "call", name: name.text, args: [node, ...this.arguments()], method: true, pos: dot.pos };
    }
    return node;
  }

  private primary(): Node {
    const token = this.next();
    switch (token.kind) {
      case "number":
        return { kind: "number", value: Number(token.text), pos: token.pos };
      case "text":
        return { kind: "text", value: token.text, pos: token.pos };
      case "identifier":
        if (this.isPunctuation(this.peek(), "(")) {
          return { kind: "call", name: token.text, args: this.arguments(), method: false, pos: token.pos };
        }
        if (token.text === "true" || token.text === "false") {
          return { kind: "boolean", value: token.text === "true", pos: token.pos };
        }
        if (token.text === "and" || token.text === "or" || token.text === "not") throw unexpected(token);
        return { kind: "identifier", name: token.text, pos: token.pos };
      case "punctuation":
        if (token.text === "(") {
          const inner = this.expression();
          this.expect(")");
          return inner;
        }
        if (token.text === "[") return { kind: "list", items: this.sequence("]"), pos: token.pos };
        throw unexpected(token);
      case "end":
        throw unexpected(token);
    }
  }

  private arguments(): Node[] {
    this.expect("(");
    return this.sequence(")");
  }

  /** Comma-separated expressions up to `close`; a trailing comma is tolerated as Notion's editor does. */
  private sequence(close: string): Node[] {
    const items: Node[] = [];
    while (!this.isPunctuation(this.peek(), close)) {
      items.push(this.expression());
      if (!this.isPunctuation(this.peek(), ",")) break;
      this.index += 1;
    }
    this.expect(close);
    return items;
  }

  private expect(text: string): Token {
    const token = this.next();
    if (!this.isPunctuation(token, text)) {
      if (token.kind === "end")
        throw new FormulaError(`Expected "${text}" but the formula ended.`, token.pos);
      throw new FormulaError(`Expected "${text}" but found "${token.text}".`, token.pos);
    }
    return token;
  }

  private isPunctuation(token: Token, text: string): boolean {
    return token.kind === "punctuation" && token.text === text;
  }

  private peek(): Token {
    // tokenize() always ends with an "end" token, and next() never moves past it.
    return this.tokens[this.index] ?? { kind: "end", text: "", pos: 0 };
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index += 1;
    return token;
  }
}

function unexpected(token: Token): FormulaError {
  if (token.kind === "end") return new FormulaError("Unexpected end of formula.", token.pos);
  const shown = token.kind === "text" ? JSON.stringify(token.text) : `"${token.text}"`;
  return new FormulaError(`Unexpected ${shown}.`, token.pos);
}

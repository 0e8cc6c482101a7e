/** The parsed shape of a formula. `pos` is the source offset, used only for error messages. */

export type BinaryOperator =
  "+" | "-" | "*" | "/" | "%" | "^" | "==" | "!=" | ">" | ">=" | "<" | "<=" | "and" | "or";

export type UnaryOperator = "-" | "+" | "not";

export type Node =
  | { kind: "number"; value: number; pos: number }
  | { kind: "text"; value: string; pos: number }
  | { kind: "boolean"; value: boolean; pos: number }
  | { kind: "list"; items: Node[]; pos: number }
  | { kind: "identifier"; name: string; pos: number }
  /**
   * `name(args)`, or with `method` set, `receiver.name(rest)` parsed as `name(receiver, ...rest)`:
   * Notion documents every function in both forms, so one node type serves both.
   */
  | { kind: "call"; name: string; args: Node[]; method: boolean; pos: number }
  | { kind: "unary"; operator: UnaryOperator; operand: Node; pos: number }
  | { kind: "binary"; operator: BinaryOperator; left: Node; right: Node; pos: number }
  | { kind: "conditional"; test: Node; consequent: Node; alternate: Node; pos: number };

import type { Node } from "./ast.ts";
import { FormulaError } from "./errors.ts";
import { truthy, type CallContext, type FunctionDef } from "./functions/define.ts";
import { FUNCTIONS } from "./functions/index.ts";
import { arithmetic, comparison, equality, operatorType, plus } from "./operators.ts";
import { SPECIAL_FORMS } from "./special-forms.ts";
import { accepts, elementType, listOf, typeLabel, unify, type FormulaType, type Kind } from "./types.ts";
import { EMPTY, boolean, list, number, text, typeName, type FormulaValue } from "./values.ts";

/**
 * Compilation type-checks the tree once and turns it into closures, so evaluating a formula for each
 * of thousands of rows costs no parsing and no dispatch on node kinds.
 */

export interface FormulaEnv {
  /** The value of one of the page's properties, already converted to a formula value. */
  prop(name: string): FormulaValue;
  now: Date;
  /** The id of the page the formula is evaluated for (`id()`). */
  pageId: string;
  /** IANA zone in which dates are read and printed; UTC when absent. */
  timeZone?: string;
  /** A property of a related page (`current.prop("Status")` over a relation); empty when absent. */
  pageProp?(pageId: string, name: string): FormulaValue;
}

export interface Runtime {
  readonly env: FormulaEnv;
  readonly ctx: CallContext;
  /** Values of `let` variables and of `current`/`index`, by slot assigned at compile time. */
  readonly slots: FormulaValue[];
}

export type Thunk = (rt: Runtime) => FormulaValue;

export interface Compiled {
  readonly type: FormulaType;
  readonly run: Thunk;
}

export interface Binding {
  readonly slot: number;
  readonly type: FormulaType;
}

export type Scope = ReadonlyMap<string, Binding>;

export interface CompileOptions {
  /**
   * Types of the data source's properties by name. When given, `prop()` of an unknown name is an
   * error and property types are checked; without it every property is of unknown type.
   */
  readonly properties?: Readonly<Record<string, FormulaType>>;
}

const KIND_LABELS: Record<Kind, string> = {
  number: "a number",
  text: "text",
  boolean: "a boolean",
  date: "a date",
  person: "a person",
  page: "a page",
  list: "a list",
  any: "a value",
};

function describeKinds(kinds: readonly Kind[]): string {
  const labels = kinds.map((kind) => KIND_LABELS[kind]);
  return labels.length === 1
    ? (labels[0] ?? "")
    : `${labels.slice(0, -1).join(", ")} or ${labels.at(-1) ?? ""}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function literalValue(node: Node): FormulaValue | undefined {
  if (node.kind === "number") return number(node.value);
  if (node.kind === "text") return text(node.value);
  if (node.kind === "boolean") return boolean(node.value);
  return undefined;
}

export class Compiler {
  slotCount = 0;
  readonly dependencies = new Set<string>();

  constructor(readonly options: CompileOptions) {}

  bind(scope: Scope, name: string, type: FormulaType): { scope: Scope; slot: number } {
    const slot = this.slotCount;
    this.slotCount += 1;
    return { scope: new Map(scope).set(name, { slot, type }), slot };
  }

  /** Checks that an expression can be a condition. */
  condition(node: Node, scope: Scope, where: string): Compiled {
    const compiled = this.compile(node, scope);
    if (compiled.type !== "boolean" && compiled.type !== "any") {
      throw new FormulaError(`${where} must be a boolean, but got ${typeLabel(compiled.type)}.`, node.pos);
    }
    return compiled;
  }

  compile(node: Node, scope: Scope): Compiled {
    switch (node.kind) {
      case "number":
      case "text":
      case "boolean": {
        const value = literalValue(node) ?? EMPTY;
        return { type: node.kind, run: () => value };
      }
      case "list": {
        const items = node.items.map((item) => this.compile(item, scope));
        const type = items.map((item) => item.type).reduce((a, b) => unify(a, b), items[0]?.type ?? "any");
        return { type: listOf(type), run: (rt) => list(items.map((item) => item.run(rt))) };
      }
      case "identifier":
        return this.identifier(node.name, node.pos, scope);
      case "call":
        return this.call(node, scope);
      case "unary":
        return this.unary(node, scope);
      case "binary":
        return this.binary(node, scope);
      case "conditional": {
        const test = this.condition(node.test, scope, "The condition");
        const consequent = this.compile(node.consequent, scope);
        const alternate = this.compile(node.alternate, scope);
        return {
          type: unify(consequent.type, alternate.type),
          run: (rt) => (truthy(test.run(rt)) ? consequent.run(rt) : alternate.run(rt)),
        };
      }
    }
  }

  private identifier(name: string, pos: number, scope: Scope): Compiled {
    const binding = scope.get(name);
    if (binding !== undefined) {
      const { slot } = binding;
      return { type: binding.type, run: (rt) => rt.slots[slot] ?? EMPTY };
    }
    if (name === "current" || name === "index") {
      throw new FormulaError(
        `${name} can only be used inside a list function such as map() or filter().`,
        pos,
      );
    }
    if (FUNCTIONS.has(name)) throw new FormulaError(`${name} is a function: write ${name}().`, pos);
    throw new FormulaError(`Unknown variable "${name}".`, pos);
  }

  private unary(node: Extract<Node, { kind: "unary" }>, scope: Scope): Compiled {
    if (node.operator === "not") {
      const operand = this.condition(node.operand, scope, "The operand of not");
      return { type: "boolean", run: (rt) => boolean(!truthy(operand.run(rt))) };
    }
    const operand = this.compile(node.operand, scope);
    if (operand.type !== "number" && operand.type !== "any") {
      throw new FormulaError(`Cannot negate ${typeLabel(operand.type)}.`, node.pos);
    }
    const sign = node.operator === "-" ? -1 : 1;
    return {
      type: "number",
      run: (rt) => {
        const value = operand.run(rt);
        if (value.type === "empty") return EMPTY;
        if (value.type !== "number") throw new FormulaError(`Cannot negate ${typeName(value)}.`);
        return number(sign * value.value);
      },
    };
  }

  private binary(node: Extract<Node, { kind: "binary" }>, scope: Scope): Compiled {
    const left = this.compile(node.left, scope);
    const right = this.compile(node.right, scope);
    let type: FormulaType;
    try {
      type = operatorType(node.operator, left.type, right.type);
    } catch (error) {
      throw error instanceof FormulaError ? new FormulaError(error.message, node.pos) : error;
    }
    const a = left.run;
    const b = right.run;
    switch (node.operator) {
      case "and":
        return { type, run: (rt) => boolean(truthy(a(rt)) && truthy(b(rt))) };
      case "or":
        return { type, run: (rt) => boolean(truthy(a(rt)) || truthy(b(rt))) };
      case "+":
        return { type, run: (rt) => plus(a(rt), b(rt), rt.ctx.timeZone) };
      case "==":
      case "!=": {
        const operator = node.operator;
        return { type, run: (rt) => equality(operator, a(rt), b(rt)) };
      }
      case ">":
      case ">=":
      case "<":
      case "<=": {
        const operator = node.operator;
        return { type, run: (rt) => comparison(operator, a(rt), b(rt)) };
      }
      default: {
        const operator = node.operator;
        return { type, run: (rt) => arithmetic(operator, a(rt), b(rt)) };
      }
    }
  }

  private call(node: Extract<Node, { kind: "call" }>, scope: Scope): Compiled {
    const special = SPECIAL_FORMS[node.name];
    if (special !== undefined && Object.hasOwn(SPECIAL_FORMS, node.name)) return special(this, node, scope);
    const def = FUNCTIONS.get(node.name);
    if (def === undefined) throw new FormulaError(`Unknown function "${node.name}".`, node.pos);
    checkArity(node, def);
    const args: Compiled[] = [];
    let lambda: Lambda | undefined;
    node.args.forEach((arg, i) => {
      if (i !== def.lambda) {
        args.push(this.compile(arg, scope));
        return;
      }
      // `current` is an item of the first argument (the list) and `index` its position.
      const item = elementType(args[0]?.type ?? "any") ?? "any";
      const withCurrent = this.bind(scope, "current", item);
      const withIndex = this.bind(withCurrent.scope, "index", "number");
      const body = this.compile(arg, withIndex.scope);
      lambda = { body: body.run, currentSlot: withCurrent.slot, indexSlot: withIndex.slot };
      args.push(body);
    });
    args.forEach((arg, i) => {
      const kinds = def.params[Math.min(i, def.params.length - 1)] ?? ["any"];
      if (!accepts(arg.type, kinds)) {
        const position = node.method && i === 0 ? "The value" : `Argument ${i + 1}`;
        const message = `${position} of ${node.name}() must be ${describeKinds(kinds)}, but got ${typeLabel(arg.type)}.`;
        throw new FormulaError(message, node.args[i]?.pos ?? node.pos);
      }
    });
    try {
      def.checkLiterals?.(node.args.map(literalValue));
      const types = args.map((arg) => arg.type);
      const type = typeof def.returns === "function" ? def.returns(types) : def.returns;
      const eager = args.filter((_, i) => i !== def.lambda).map((arg) => arg.run);
      return { type, run: callThunk(def, eager, lambda) };
    } catch (error) {
      throw error instanceof FormulaError ? new FormulaError(error.message, node.pos) : error;
    }
  }
}

/** An argument evaluated per list item, with `current` and `index` in their slots. */
interface Lambda {
  readonly body: Thunk;
  readonly currentSlot: number;
  readonly indexSlot: number;
}

function callThunk(def: FunctionDef, eager: readonly Thunk[], lambda: Lambda | undefined): Thunk {
  const strict = def.acceptsEmpty !== true;
  return (rt) => {
    const values = eager.map((run) => run(rt));
    if (strict && values.some((value) => value.type === "empty")) return EMPTY;
    if (lambda === undefined) return def.call(values, rt.ctx);
    const { body, currentSlot, indexSlot } = lambda;
    const perItem = (item: FormulaValue, index: number): FormulaValue => {
      rt.slots[currentSlot] = item;
      rt.slots[indexSlot] = number(index);
      return body(rt);
    };
    return def.call(values, { ...rt.ctx, lambda: perItem });
  };
}

function checkArity(node: Extract<Node, { kind: "call" }>, def: FunctionDef): void {
  const min = def.params.length - (def.optional ?? 0);
  const max = def.variadic === true ? Infinity : def.params.length;
  const count = node.args.length;
  if (count >= min && count <= max) return;
  const expected =
    min === max
      ? plural(min, "argument")
      : max === Infinity
        ? `at least ${plural(min, "argument")}`
        : `${min} to ${max} arguments`;
  const counted = node.method ? " (counting the value before the dot)" : "";
  throw new FormulaError(`${node.name}() takes ${expected}, but got ${count}${counted}.`, node.pos);
}

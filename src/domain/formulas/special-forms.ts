import type { Node } from "./ast.ts";
import type { Compiled, Compiler, Scope, Thunk } from "./compile.ts";
import { FormulaError } from "./errors.ts";
import { truthy } from "./functions/define.ts";
import { typeLabel, unify, type FormulaType } from "./types.ts";
import { EMPTY, boolean, typeName } from "./values.ts";

/**
 * Calls that are not plain functions: they evaluate arguments lazily (`if`, `and`), bind variables
 * (`let`, `lets`), or read the page (`prop`).
 */

type CallNode = Extract<Node, { kind: "call" }>;
type SpecialForm = (compiler: Compiler, node: CallNode, scope: Scope) => Compiled;

function arity(node: CallNode, ok: boolean, expected: string): void {
  if (!ok) throw new FormulaError(`${node.name}() takes ${expected}, but got ${node.args.length}.`, node.pos);
}

function propertyName(node: CallNode, arg: Node | undefined): string {
  if (arg?.kind !== "text") {
    throw new FormulaError('prop() takes a property name in double quotes, such as prop("Name").', node.pos);
  }
  return arg.value;
}

function prop(compiler: Compiler, node: CallNode, scope: Scope): Compiled {
  if (node.method) {
    // `page.prop("Name")`: a property of a related page, e.g. `current.prop("Status")` in a filter.
    arity(node, node.args.length === 2, "1 argument");
    const [receiverNode, nameNode] = node.args;
    const name = propertyName(node, nameNode);
    const receiver = compiler.compile(receiverNode ?? node, scope);
    if (receiver.type !== "page" && receiver.type !== "any") {
      throw new FormulaError(`Only a page has properties, not ${typeLabel(receiver.type)}.`, node.pos);
    }
    return {
      type: "any",
      run: (rt) => {
        const page = receiver.run(rt);
        if (page.type === "empty") return EMPTY;
        if (page.type !== "page")
          throw new FormulaError(`Only a page has properties, not ${typeName(page)}.`);
        return rt.env.pageProp?.(page.id, name) ?? EMPTY;
      },
    };
  }
  arity(node, node.args.length === 1, "1 argument");
  const name = propertyName(node, node.args[0]);
  const known = compiler.options.properties;
  let type: FormulaType = "any";
  if (known !== undefined) {
    if (!Object.hasOwn(known, name)) throw new FormulaError(`Property "${name}" does not exist.`, node.pos);
    type = known[name] ?? "any";
  }
  compiler.dependencies.add(name);
  return { type, run: (rt) => rt.env.prop(name) };
}

function conditional(compiler: Compiler, node: CallNode, scope: Scope): Compiled {
  arity(node, node.args.length === 3, "3 arguments");
  const [testNode, thenNode, elseNode] = node.args as [Node, Node, Node];
  const test = compiler.condition(testNode, scope, "The condition of if()");
  const consequent = compiler.compile(thenNode, scope);
  const alternate = compiler.compile(elseNode, scope);
  return {
    type: unify(consequent.type, alternate.type),
    run: (rt) => (truthy(test.run(rt)) ? consequent.run(rt) : alternate.run(rt)),
  };
}

/** `ifs(c1, v1, c2, v2, …, otherwise)`; without the final value, no match is the empty value. */
function ifs(compiler: Compiler, node: CallNode, scope: Scope): Compiled {
  arity(node, node.args.length >= 2, "at least 2 arguments");
  const branches: Array<{ test: Thunk; value: Thunk }> = [];
  let type: FormulaType | undefined;
  for (let i = 0; i + 1 < node.args.length; i += 2) {
    const test = compiler.condition(node.args[i] as Node, scope, `Condition ${i / 2 + 1} of ifs()`);
    const value = compiler.compile(node.args[i + 1] as Node, scope);
    type = type === undefined ? value.type : unify(type, value.type);
    branches.push({ test: test.run, value: value.run });
  }
  const lastNode = node.args.length % 2 === 1 ? node.args.at(-1) : undefined;
  const last = lastNode === undefined ? undefined : compiler.compile(lastNode, scope);
  if (last !== undefined) type = unify(type ?? last.type, last.type);
  return {
    type: type ?? "any",
    run: (rt) => {
      for (const branch of branches) if (truthy(branch.test(rt))) return branch.value(rt);
      return last === undefined ? EMPTY : last.run(rt);
    },
  };
}

function logical(operator: "and" | "or"): SpecialForm {
  return (compiler, node, scope) => {
    arity(node, node.args.length >= 1, "at least 1 argument");
    const operands = node.args.map((arg, i) =>
      compiler.condition(arg, scope, `Argument ${i + 1} of ${operator}()`),
    );
    const stopAt = operator === "or";
    return {
      type: "boolean",
      run: (rt) => {
        for (const operand of operands) if (truthy(operand.run(rt)) === stopAt) return boolean(stopAt);
        return boolean(!stopAt);
      },
    };
  };
}

const RESERVED = new Set(["true", "false", "current", "index", "and", "or", "not"]);

function variableName(node: CallNode, arg: Node | undefined): string {
  if (arg?.kind !== "identifier") {
    throw new FormulaError(
      `${node.name}() needs a variable name, such as ${node.name}(x, 1, x + 1).`,
      arg?.pos ?? node.pos,
    );
  }
  if (RESERVED.has(arg.name))
    throw new FormulaError(`"${arg.name}" cannot be used as a variable name.`, arg.pos);
  return arg.name;
}

/** `let(x, 2, x ^ 3)` and `lets(a, 1, b, a + 1, a + b)`: later values may use earlier variables. */
function letForm(compiler: Compiler, node: CallNode, scope: Scope): Compiled {
  const valid =
    node.name === "let" ? node.args.length === 3 : node.args.length >= 3 && node.args.length % 2 === 1;
  arity(node, valid, node.name === "let" ? "3 arguments" : "pairs of a name and a value, then an expression");
  let inner = scope;
  const assignments: Array<{ slot: number; value: Thunk }> = [];
  for (let i = 0; i + 1 < node.args.length; i += 2) {
    const name = variableName(node, node.args[i]);
    const value = compiler.compile(node.args[i + 1] as Node, inner);
    const bound = compiler.bind(inner, name, value.type);
    inner = bound.scope;
    assignments.push({ slot: bound.slot, value: value.run });
  }
  const body = compiler.compile(node.args.at(-1) as Node, inner);
  return {
    type: body.type,
    run: (rt) => {
      for (const { slot, value } of assignments) rt.slots[slot] = value(rt);
      return body.run(rt);
    },
  };
}

export const SPECIAL_FORMS: Readonly<Record<string, SpecialForm>> = {
  prop,
  if: conditional,
  ifs,
  and: logical("and"),
  or: logical("or"),
  let: letForm,
  lets: letForm,
};

import { FormulaError } from "../errors.ts";
import { equality } from "../operators.ts";
import { compatible, typeLabel } from "../types.ts";
import { EMPTY, boolean, isEmptyValue } from "../values.ts";
import { truthy, type FunctionDef, type FunctionTable } from "./define.ts";

// `if`, `ifs`, `and`, `or`, `let` and `lets` evaluate their arguments lazily, so the compiler
// handles them itself (compile-special.ts); these are the eager ones.

function equalityFunction(operator: "==" | "!="): FunctionDef {
  return {
    params: [["any"], ["any"]],
    acceptsEmpty: true,
    returns: ([a, b]) => {
      if (a !== undefined && b !== undefined && !compatible(a, b)) {
        throw new FormulaError(`Cannot compare ${typeLabel(a)} and ${typeLabel(b)} with ${operator}.`);
      }
      return "boolean";
    },
    call: ([a, b]) => equality(operator, a ?? EMPTY, b ?? EMPTY),
  };
}

export const logicFunctions: FunctionTable = {
  // `empty()` with no argument is the empty value itself (useful as an `if` branch); with one it
  // tests for emptiness: "0, "", and [] are considered empty".
  empty: {
    params: [["any"]],
    optional: 1,
    acceptsEmpty: true,
    returns: (args) => (args.length === 0 ? "any" : "boolean"),
    call: ([value]) => (value === undefined ? EMPTY : boolean(isEmptyValue(value))),
  },
  equal: equalityFunction("=="),
  unequal: equalityFunction("!="),
  not: {
    params: [["boolean"]],
    acceptsEmpty: true,
    returns: "boolean",
    call: ([value]) => boolean(!truthy(value ?? EMPTY)),
  },
};

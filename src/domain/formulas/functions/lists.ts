import { FormulaError } from "../errors.ts";
import { ANY_LIST, elementType, listOf, unify, type FormulaType, type Kind } from "../types.ts";
import {
  EMPTY,
  boolean,
  compareValues,
  displayText,
  equalValues,
  list,
  number,
  text,
  type FormulaValue,
} from "../values.ts";
import {
  listArg,
  numberArg,
  optionalNumberArg,
  textArg,
  truthy,
  type CallContext,
  type FunctionDef,
  type FunctionTable,
} from "./define.ts";

const LIST: readonly Kind[] = ["list"];
const NUMBER: readonly Kind[] = ["number"];
const TEXT: readonly Kind[] = ["text", "number", "boolean", "date"];

const sameAsFirst = ([first]: readonly FormulaType[]): FormulaType => first ?? ANY_LIST;
const elementOfFirst = ([first]: readonly FormulaType[]): FormulaType => elementType(first ?? "any") ?? "any";

function lambdaOf(ctx: CallContext, fn: string): (item: FormulaValue, index: number) => FormulaValue {
  if (ctx.lambda === undefined) throw new FormulaError(`${fn}() needs an expression using current.`);
  return ctx.lambda;
}

/** A list function whose second argument is evaluated per item (`current`, `index`). */
function perItem(
  fn: string,
  condition: boolean,
  returns: FunctionDef["returns"],
  run: (items: FormulaValue[], test: (item: FormulaValue, index: number) => FormulaValue) => FormulaValue,
): FunctionDef {
  return {
    params: [LIST, condition ? ["boolean"] : ["any"]],
    lambda: 1,
    returns,
    call: (args, ctx) => run(listArg(args, 0, fn), lambdaOf(ctx, fn)),
  };
}

// Sorting mixes types predictably: numbers, text, booleans, dates, then everything else by its text.
const TYPE_ORDER = ["number", "text", "boolean", "date", "person", "page", "list", "empty"];

function order(a: FormulaValue, b: FormulaValue, timeZone: string): number {
  const byValue = compareValues(a, b);
  if (byValue !== undefined) return byValue;
  const byType = TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type);
  if (byType !== 0) return byType;
  const [x, y] = [displayText(a, timeZone), displayText(b, timeZone)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A string equal for exactly the values `equalValues` finds equal, so `unique` runs in linear time. */
function valueKey(value: FormulaValue): string {
  switch (value.type) {
    case "number":
    case "text":
    case "boolean":
      return `${value.type}:${String(value.value)}`;
    case "date":
      return `date:${value.start}:${String(value.end)}`;
    case "person":
    case "page":
      return `${value.type}:${value.id}`;
    case "list":
      return `[${value.items.map(valueKey).join("\u0000")}]`;
    case "empty":
      return "empty";
  }
}

function flatten(items: readonly FormulaValue[]): FormulaValue[] {
  return items.flatMap((item) => (item.type === "list" ? item.items : [item]));
}

export const listFunctions: FunctionTable = {
  at: {
    params: [LIST, NUMBER],
    returns: elementOfFirst,
    call: (args) => listArg(args, 0, "at").at(Math.trunc(numberArg(args, 1, "at"))) ?? EMPTY,
  },
  first: { params: [LIST], returns: elementOfFirst, call: (args) => listArg(args, 0, "first")[0] ?? EMPTY },
  last: { params: [LIST], returns: elementOfFirst, call: (args) => listArg(args, 0, "last").at(-1) ?? EMPTY },
  // Lists per formulas 2.0; text too, as formulas 1.0 allowed.
  slice: {
    params: [["list", "text"], NUMBER, NUMBER],
    optional: 1,
    returns: sameAsFirst,
    call: (args, ctx) => {
      const start = numberArg(args, 1, "slice");
      const end = optionalNumberArg(args, 2, "slice");
      const [value] = args;
      if (value?.type === "list") return list(value.items.slice(start, end));
      return text(textArg(args, 0, "slice", ctx).slice(start, end));
    },
  },
  // Formulas 2.0 concatenate lists; formulas 1.0 concatenated text, still accepted when every argument
  // is text.
  concat: {
    params: [["list", "text"]],
    variadic: true,
    acceptsEmpty: true,
    returns: (types) => {
      if (types.length > 0 && types.every((t) => t === "text")) return "text";
      const elements = types.map((t) => elementType(t) ?? t);
      return listOf(elements.reduce((a, b) => unify(a, b), elements[0] ?? "any"));
    },
    call: (args, ctx) => {
      if (args.length > 0 && args.every((a) => a.type === "text")) {
        return text(args.map((a) => displayText(a, ctx.timeZone)).join(""));
      }
      return list(flatten(args.filter((a) => a.type !== "empty")));
    },
  },
  sort: {
    params: [LIST, ["any"]],
    optional: 1,
    lambda: 1,
    returns: sameAsFirst,
    call: (args, ctx) => {
      const items = listArg(args, 0, "sort");
      const key = ctx.lambda;
      if (key === undefined) return list([...items].sort((a, b) => order(a, b, ctx.timeZone)));
      const keyed = items.map((item, index) => ({ item, key: key(item, index) }));
      keyed.sort((a, b) => order(a.key, b.key, ctx.timeZone));
      return list(keyed.map((entry) => entry.item));
    },
  },
  reverse: {
    params: [LIST],
    returns: sameAsFirst,
    call: (args) => list([...listArg(args, 0, "reverse")].reverse()),
  },
  // `join(list, separator)`; formulas 1.0's `join(separator, text, …)` is still accepted.
  join: {
    params: [["list", "text"], TEXT],
    variadic: true,
    returns: "text",
    call: (args, ctx) => {
      const [first, ...rest] = args;
      if (first?.type === "list") {
        const separator = textArg(args, 1, "join", ctx);
        return text(first.items.map((item) => displayText(item, ctx.timeZone)).join(separator));
      }
      const separator = textArg(args, 0, "join", ctx);
      return text(rest.map((item) => displayText(item, ctx.timeZone)).join(separator));
    },
  },
  includes: {
    params: [LIST, ["any"]],
    acceptsEmpty: true,
    returns: "boolean",
    call: (args) => {
      const needle = args[1] ?? EMPTY;
      return boolean(listArg(args, 0, "includes").some((item) => equalValues(item, needle)));
    },
  },
  find: perItem("find", true, elementOfFirst, (items, test) => {
    return items.find((item, i) => truthy(test(item, i))) ?? EMPTY;
  }),
  findIndex: perItem("findIndex", true, "number", (items, test) => {
    return number(items.findIndex((item, i) => truthy(test(item, i))));
  }),
  filter: perItem("filter", true, sameAsFirst, (items, test) => {
    return list(items.filter((item, i) => truthy(test(item, i))));
  }),
  some: perItem("some", true, "boolean", (items, test) =>
    boolean(items.some((item, i) => truthy(test(item, i)))),
  ),
  every: perItem("every", true, "boolean", (items, test) =>
    boolean(items.every((item, i) => truthy(test(item, i)))),
  ),
  map: perItem(
    "map",
    false,
    (types) => listOf(types[1] ?? "any"),
    (items, fn) => list(items.map((item, i) => fn(item, i))),
  ),
  flat: {
    params: [LIST],
    returns: ([first]) => {
      const element = elementType(first ?? "any") ?? "any";
      return typeof element === "object" ? element : listOf(element);
    },
    call: (args) => list(flatten(listArg(args, 0, "flat"))),
  },
  unique: {
    params: [LIST],
    returns: sameAsFirst,
    call: (args) => {
      const seen = new Set<string>();
      return list(
        listArg(args, 0, "unique").filter((item) => {
          const key = valueKey(item);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        }),
      );
    },
  },
};

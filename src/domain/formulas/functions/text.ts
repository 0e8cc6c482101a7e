import { FormulaError } from "../errors.ts";
import { listOf, type Kind } from "../types.ts";
import { boolean, displayText, list, number, text, type FormulaValue } from "../values.ts";
import {
  numberArg,
  optionalNumberArg,
  regex,
  textArg,
  type CallContext,
  type FunctionTable,
} from "./define.ts";

// Text parameters accept any scalar and print it (Notion's own example is `now().day().test("[67]")`).
const TEXT: readonly Kind[] = ["text", "number", "boolean", "date", "person", "page"];
const NUMBER: readonly Kind[] = ["number"];

/** Rejects a literal pattern at compile time, as Notion's editor does. */
function literalRegex(index: number) {
  return (args: readonly (FormulaValue | undefined)[]): void => {
    const pattern = args[index];
    if (pattern?.type === "text") regex(pattern.value);
  };
}

// Runaway `repeat`/`padStart` would build strings of gigabytes from one formula.
const MAX_TEXT = 1_000_000;

function bounded(value: string): FormulaValue {
  if (value.length > MAX_TEXT) throw new FormulaError("Text result is too long.");
  return text(value);
}

function pad(args: readonly FormulaValue[], ctx: CallContext, fn: "padStart" | "padEnd"): FormulaValue {
  const value = textArg(args, 0, fn, ctx);
  const length = numberArg(args, 1, fn);
  const filler = args[2] === undefined ? " " : textArg(args, 2, fn, ctx);
  if (length > MAX_TEXT) throw new FormulaError("Text result is too long.");
  return text(fn === "padStart" ? value.padStart(length, filler) : value.padEnd(length, filler));
}

export const textFunctions: FunctionTable = {
  length: {
    params: [["text", "list"]],
    returns: "number",
    call: (args, ctx) => {
      const [value] = args;
      return number(value?.type === "list" ? value.items.length : textArg(args, 0, "length", ctx).length);
    },
  },
  substring: {
    params: [TEXT, NUMBER, NUMBER],
    optional: 1,
    returns: "text",
    call: (args, ctx) => {
      const value = textArg(args, 0, "substring", ctx);
      return text(value.substring(numberArg(args, 1, "substring"), optionalNumberArg(args, 2, "substring")));
    },
  },
  contains: {
    params: [[...TEXT, "list"], TEXT],
    returns: "boolean",
    // A list is searched as the text Notion shows for it, so multi-select formulas from before
    // formulas 2.0 (when multi-selects were text) keep working.
    call: (args, ctx) => {
      const [value] = args;
      const haystack =
        value?.type === "list" ? displayText(value, ctx.timeZone) : textArg(args, 0, "contains", ctx);
      return boolean(haystack.includes(textArg(args, 1, "contains", ctx)));
    },
  },
  test: {
    params: [TEXT, TEXT],
    returns: "boolean",
    checkLiterals: literalRegex(1),
    call: (args, ctx) => boolean(regex(textArg(args, 1, "test", ctx)).test(textArg(args, 0, "test", ctx))),
  },
  match: {
    params: [TEXT, TEXT],
    returns: listOf("text"),
    checkLiterals: literalRegex(1),
    call: (args, ctx) => {
      const found = textArg(args, 0, "match", ctx).match(regex(textArg(args, 1, "match", ctx), "g")) ?? [];
      return list(found.map((m) => text(m)));
    },
  },
  replace: {
    params: [TEXT, TEXT, TEXT],
    returns: "text",
    checkLiterals: literalRegex(1),
    call: (args, ctx) =>
      bounded(
        textArg(args, 0, "replace", ctx).replace(
          regex(textArg(args, 1, "replace", ctx)),
          textArg(args, 2, "replace", ctx),
        ),
      ),
  },
  replaceAll: {
    params: [TEXT, TEXT, TEXT],
    returns: "text",
    checkLiterals: literalRegex(1),
    call: (args, ctx) =>
      bounded(
        textArg(args, 0, "replaceAll", ctx).replace(
          regex(textArg(args, 1, "replaceAll", ctx), "g"),
          textArg(args, 2, "replaceAll", ctx),
        ),
      ),
  },
  lower: {
    params: [TEXT],
    returns: "text",
    call: (args, ctx) => text(textArg(args, 0, "lower", ctx).toLowerCase()),
  },
  upper: {
    params: [TEXT],
    returns: "text",
    call: (args, ctx) => text(textArg(args, 0, "upper", ctx).toUpperCase()),
  },
  repeat: {
    params: [TEXT, NUMBER],
    returns: "text",
    call: (args, ctx) => {
      const value = textArg(args, 0, "repeat", ctx);
      const times = Math.max(0, Math.floor(numberArg(args, 1, "repeat")));
      if (value.length * times > MAX_TEXT) throw new FormulaError("Text result is too long.");
      return text(value.repeat(times));
    },
  },
  padStart: {
    params: [TEXT, NUMBER, TEXT],
    optional: 1,
    returns: "text",
    call: (a, ctx) => pad(a, ctx, "padStart"),
  },
  padEnd: {
    params: [TEXT, NUMBER, TEXT],
    optional: 1,
    returns: "text",
    call: (a, ctx) => pad(a, ctx, "padEnd"),
  },
  // The API serves a formula's text without its rich-text annotations, so links and styles reduce to
  // their label; the URL and style names are still type-checked.
  link: { params: [TEXT, TEXT], returns: "text", call: (args, ctx) => text(textArg(args, 0, "link", ctx)) },
  style: {
    params: [TEXT, TEXT],
    variadic: true,
    optional: 1,
    returns: "text",
    call: (args, ctx) => text(textArg(args, 0, "style", ctx)),
  },
  unstyle: {
    params: [TEXT, TEXT],
    variadic: true,
    optional: 1,
    returns: "text",
    call: (args, ctx) => text(textArg(args, 0, "unstyle", ctx)),
  },
  format: {
    params: [["any"]],
    acceptsEmpty: true,
    returns: "text",
    call: ([value], ctx) => text(value === undefined ? "" : displayText(value, ctx.timeZone)),
  },
  split: {
    params: [TEXT, TEXT],
    returns: listOf("text"),
    call: (args, ctx) => {
      const parts = textArg(args, 0, "split", ctx).split(textArg(args, 1, "split", ctx));
      return list(parts.map((part) => text(part)));
    },
  },
};

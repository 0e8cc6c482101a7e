import { EMPTY, text } from "../values.ts";
import { typeName } from "../values.ts";
import { FormulaError } from "../errors.ts";
import type { FunctionTable } from "./define.ts";

export const peopleFunctions: FunctionTable = {
  name: {
    params: [["person"]],
    returns: "text",
    call: ([value]) => {
      if (value?.type !== "person")
        throw new FormulaError(`name() takes a person, but got ${typeName(value ?? EMPTY)}.`);
      return text(value.name);
    },
  },
  email: {
    params: [["person"]],
    returns: "text",
    call: ([value]) => {
      if (value?.type !== "person")
        throw new FormulaError(`email() takes a person, but got ${typeName(value ?? EMPTY)}.`);
      return value.email === undefined || value.email === null ? EMPTY : text(value.email);
    },
  },
  // `id()` is the id of the page the formula belongs to; `id(page)` of a related page or a person.
  id: {
    params: [["page", "person"]],
    optional: 1,
    returns: "text",
    call: ([value], ctx) => {
      if (value === undefined) return text(ctx.pageId);
      if (value.type !== "page" && value.type !== "person") {
        throw new FormulaError(`id() takes a page, but got ${typeName(value)}.`);
      }
      return text(value.id);
    },
  },
};

import type { FormulaValue } from "./values.ts";

/**
 * Static types, used to reject formulas Notion's editor would reject (`1 + true`, `dateAdd("x", 1,
 * "days")`) before any page is evaluated. "any" is a type not known until evaluation — `prop()` without
 * a schema, or the empty value — and is accepted everywhere.
 */
export type FormulaType =
  "number" | "text" | "boolean" | "date" | "person" | "page" | "any" | { readonly list: FormulaType };

/** What a parameter accepts; "list" means a list of anything. */
export type Kind = "number" | "text" | "boolean" | "date" | "person" | "page" | "list" | "any";

export const ANY_LIST: FormulaType = { list: "any" };

export function listOf(element: FormulaType): FormulaType {
  return { list: element };
}

export function elementType(type: FormulaType): FormulaType | undefined {
  if (type === "any") return "any";
  return typeof type === "object" ? type.list : undefined;
}

export function accepts(type: FormulaType, kinds: readonly Kind[]): boolean {
  if (type === "any" || kinds.includes("any")) return true;
  return typeof type === "object" ? kinds.includes("list") : kinds.includes(type);
}

export function sameType(a: FormulaType, b: FormulaType): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return sameType(a.list, b.list);
}

/** Whether values of the two types could be equal ("any" and empty lists are compatible with all). */
export function compatible(a: FormulaType, b: FormulaType): boolean {
  if (a === "any" || b === "any") return true;
  if (typeof a === "object" && typeof b === "object") return compatible(a.list, b.list);
  return a === b;
}

/** The type of a value that may be either branch of an `if`. */
export function unify(a: FormulaType, b: FormulaType): FormulaType {
  return sameType(a, b) ? a : "any";
}

export function typeLabel(type: FormulaType): string {
  return typeof type === "object" ? (type.list === "any" ? "list" : `list of ${typeLabel(type.list)}`) : type;
}

export function typeOfValue(value: FormulaValue): FormulaType {
  switch (value.type) {
    case "empty":
      return "any";
    case "list": {
      const first = value.items[0];
      const element = first === undefined ? "any" : typeOfValue(first);
      return listOf(value.items.every((item) => sameType(typeOfValue(item), element)) ? element : "any");
    }
    default:
      return value.type;
  }
}

import type { Condition } from "./ast.ts";
import {
  parseCheckboxCondition,
  parseFilesCondition,
  parseIdMembershipCondition,
  parseMultiSelectCondition,
  parseNumberCondition,
  parseOptionCondition,
  parseTextCondition,
  pickOperator,
} from "./parse-conditions.ts";
import { parseDateCondition } from "./parse-date.ts";

/** `formula: {string|checkbox|number|date: …}`, keyed by the formula's result type (S5 `FormulaPropertyFilter`). */
export function parseFormulaCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, ["string", "checkbox", "number", "date"]);
  switch (op) {
    case "string":
      return parseTextCondition(value, at);
    case "checkbox":
      return parseCheckboxCondition(value, at);
    case "number":
      return parseNumberCondition(value, at);
    case "date":
      return parseDateCondition(value, at);
  }
}

const SUB_FILTER_KEYS = [
  "rich_text",
  "number",
  "checkbox",
  "select",
  "multi_select",
  "relation",
  "date",
  "people",
  "files",
  "status",
] as const;

/** S5 `RollupSubfilterPropertyFilter`: the condition each element of a list rollup is tested with. */
function parseRollupSubFilter(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, SUB_FILTER_KEYS);
  switch (op) {
    case "rich_text":
      return parseTextCondition(value, at);
    case "number":
      return parseNumberCondition(value, at);
    case "checkbox":
      return parseCheckboxCondition(value, at);
    case "select":
    case "status":
      return parseOptionCondition(value, at);
    case "multi_select":
      return parseMultiSelectCondition(value, at);
    case "relation":
      return parseIdMembershipCondition(value, at, false);
    case "people":
      return parseIdMembershipCondition(value, at, true);
    case "date":
      return parseDateCondition(value, at);
    case "files":
      return parseFilesCondition(value, at);
  }
}

export type RollupCondition =
  { quantifier: "any" | "every" | "none"; condition: Condition } | { quantifier: null; condition: Condition };

/**
 * `rollup: {any|every|none: sub}` for list rollups (show_original/show_unique), or `{number|date: …}`
 * for rollups that compute one value (sum, latest_date …); `quantifier: null` marks the latter.
 */
export function parseRollupCondition(input: unknown, path: string): RollupCondition {
  const { op, value, path: at } = pickOperator(input, path, ["any", "none", "every", "date", "number"]);
  switch (op) {
    case "any":
    case "none":
    case "every":
      return { quantifier: op, condition: parseRollupSubFilter(value, at) };
    case "date":
      return { quantifier: null, condition: parseDateCondition(value, at) };
    case "number":
      return { quantifier: null, condition: parseNumberCondition(value, at) };
  }
}

import type { PropertyType } from "../properties/types.ts";

/**
 * A data-source query after validation against the schema: property names are resolved to ids, every
 * condition is typed, and nothing depends on the clock yet (relative dates stay symbolic until
 * compile time, so a parsed view filter can be stored and re-run later).
 */
export interface QueryAst {
  filter: FilterNode | null;
  sorts: SortNode[];
}

export type FilterNode = CompoundNode | ConditionNode | RollupNode;

export interface CompoundNode {
  kind: "and" | "or";
  filters: FilterNode[];
}

/** One condition on one value: a property's stored value or one of the row's own columns. */
export interface ConditionNode {
  kind: "condition";
  target: Target;
  condition: Condition;
}

/** `rollup: {any|every|none: <sub-filter>}`: a condition on each element of a list rollup. */
export interface RollupNode {
  kind: "rollup";
  propertyId: string;
  quantifier: "any" | "every" | "none";
  condition: Condition;
}

/** created_time/last_edited_time/created_by/last_edited_by live in `blocks` columns, not query_values. */
export type RowColumn = "created_time" | "last_edited_time" | "created_by" | "last_edited_by";

export type Target =
  | { kind: "property"; propertyId: string; propertyType: PropertyType }
  | { kind: "column"; column: RowColumn };

export type ExistenceOp = "is_empty" | "is_not_empty";

export const TEXT_OPS = [
  "equals",
  "does_not_equal",
  "contains",
  "does_not_contain",
  "starts_with",
  "ends_with",
] as const;
export type TextOp = (typeof TEXT_OPS)[number];

export const NUMBER_OPS = [
  "equals",
  "does_not_equal",
  "greater_than",
  "less_than",
  "greater_than_or_equal_to",
  "less_than_or_equal_to",
] as const;
export type NumberOp = (typeof NUMBER_OPS)[number];

export const DATE_COMPARE_OPS = ["equals", "before", "after", "on_or_before", "on_or_after"] as const;
export type DateCompareOp = (typeof DATE_COMPARE_OPS)[number];

export const DATE_RANGE_OPS = [
  "this_week",
  "past_week",
  "past_month",
  "past_year",
  "next_week",
  "next_month",
  "next_year",
] as const;
export type DateRangeOp = (typeof DATE_RANGE_OPS)[number];

export const RELATIVE_DATES = [
  "today",
  "tomorrow",
  "yesterday",
  "one_week_ago",
  "one_week_from_now",
  "one_month_ago",
  "one_month_from_now",
] as const;
export type RelativeDate = (typeof RELATIVE_DATES)[number];

/** A date operand: a calendar day (date-only input or a relative value) or an exact instant. */
export type DateOperand =
  | { kind: "day"; year: number; month: number; day: number }
  | { kind: "instant"; ms: number }
  | { kind: "relative"; value: RelativeDate };

/** `"me"` in a people filter: resolved to the requesting user only at compile time. */
export const ME = "me";

/** One member per operator, so that testing `op` narrows the union. */
type Existence<K extends string> = { kind: K; op: "is_empty" } | { kind: K; op: "is_not_empty" };

export type Condition =
  | { kind: "text"; op: TextOp; value: string }
  | Existence<"text">
  | { kind: "number"; op: NumberOp; value: number }
  | Existence<"number">
  | { kind: "checkbox"; op: "equals" | "does_not_equal"; value: boolean }
  /** select/status: the option name is any of / none of `values`. */
  | { kind: "option"; op: "equals" | "does_not_equal"; values: string[] }
  | Existence<"option">
  /** multi_select/people/relation: the list holds any of / none of `values` (may include ME). */
  | { kind: "membership"; op: "contains" | "does_not_contain"; values: string[] }
  | Existence<"membership">
  | { kind: "date"; op: DateCompareOp; value: DateOperand }
  | { kind: "date"; op: DateRangeOp }
  | Existence<"date">
  | Existence<"files">
  | { kind: "verification"; op: "status" | "does_not_equal"; value: VerificationState };

export type VerificationState = "verified" | "expired" | "none";

export type SortDirection = "ascending" | "descending";

/**
 * How a sort reads its value. Select and status sort by the option's position in the schema (as in
 * Notion's UI), hence `options`; lists sort by their first element.
 */
export type SortValue =
  | { kind: "column"; column: RowColumn }
  | { kind: "text" | "number" | "date" | "boolean" | "computed"; propertyId: string }
  | { kind: "option" | "first_option"; propertyId: string; options: string[] }
  | { kind: "first_text"; propertyId: string };

export interface SortNode {
  value: SortValue;
  direction: SortDirection;
}

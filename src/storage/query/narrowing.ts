import { ME, type Condition, type FilterNode, type SortNode } from "../../domain/query/ast.ts";
import { compareRange, periodRange, type DateRange } from "../../domain/query/relative-dates.ts";
import type { ConditionContext } from "./compile-conditions.ts";

/**
 * A condition over one property's `row_values` entries (alias `v`, migration 011) that every row
 * matching the filter has: a superset of the matches, found through the entries' index. The filter
 * itself still runs on each candidate's `query_values`, so a narrowing only has to never miss a row.
 */
export interface Narrowing {
  propertyId: string;
  where: string;
  params: unknown[];
}

function numbers(range: DateRange): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (range.from) {
    parts.push(`v.num ${range.from.inclusive ? ">=" : ">"} ?`);
    params.push(range.from.ms);
  }
  if (range.to) {
    parts.push(`v.num ${range.to.inclusive ? "<=" : "<"} ?`);
    params.push(range.to.ms);
  }
  return { where: parts.length === 0 ? "v.num is not null" : parts.join(" and "), params };
}

/** Strings are stored folded (`lower`), so equality is looked up folded too: a superset of exact matches. */
function anyText(values: readonly string[]): { where: string; params: unknown[] } | null {
  if (values.length === 0) return null;
  return { where: `v.txt in (${values.map(() => "lower(?)").join(", ")})`, params: [...values] };
}

const NUMBER_OPERATORS: Partial<Record<string, string>> = {
  equals: "=",
  greater_than: ">",
  less_than: "<",
  greater_than_or_equal_to: ">=",
  less_than_or_equal_to: "<=",
};

/** Only positive conditions narrow: negations and emptiness match rows that have no entry at all. */
function narrow(condition: Condition, ctx: ConditionContext): { where: string; params: unknown[] } | null {
  switch (condition.kind) {
    case "text":
      return condition.op === "equals" && condition.value !== "" ? anyText([condition.value]) : null;
    case "number": {
      const operator = NUMBER_OPERATORS[condition.op];
      return operator && "value" in condition
        ? { where: `v.num ${operator} ?`, params: [condition.value] }
        : null;
    }
    case "checkbox":
      return condition.value === (condition.op === "equals") ? { where: "v.num = 1", params: [] } : null;
    case "option":
      return condition.op === "equals" ? anyText(condition.values) : null;
    case "membership":
      return condition.op === "contains"
        ? anyText(condition.values.map((v) => (v === ME ? ctx.viewerUserId : v)))
        : null;
    case "date":
      if (condition.op === "is_empty" || condition.op === "is_not_empty") return null;
      return numbers(
        "value" in condition
          ? compareRange(condition.op, condition.value, ctx.dates)
          : periodRange(condition.op, ctx.dates),
      );
    case "verification":
      return condition.op === "status" && condition.value !== "none" ? anyText([condition.value]) : null;
    case "files":
      return null;
  }
}

/** Narrowings of the conditions every match must meet: the filter itself, or the members of a top-level `and`. */
export function narrowingsOf(filter: FilterNode | null, ctx: ConditionContext): Narrowing[] {
  if (!filter) return [];
  if (filter.kind === "and") return filter.filters.flatMap((child) => narrowingsOf(child, ctx));
  if (filter.kind !== "condition" || filter.target.kind !== "property") return [];
  // Formula and rollup results have entries too (typed scalars), so they narrow like stored values.
  const found = narrow(filter.condition, ctx);
  return found ? [{ propertyId: filter.target.propertyId, ...found }] : [];
}

/** A first sort whose non-empty values can be walked in order through the entries' index. */
export interface SortWalk {
  propertyId: string;
  column: "num" | "txt";
  direction: "asc" | "desc";
}

export function sortWalkOf(sort: SortNode | undefined): SortWalk | null {
  const value = sort?.value;
  if (!sort || !value) return null;
  const direction = sort.direction === "ascending" ? "asc" : "desc";
  if (value.kind === "number" || value.kind === "date")
    return { propertyId: value.propertyId, column: "num", direction };
  if (value.kind === "text") return { propertyId: value.propertyId, column: "txt", direction };
  return null;
}

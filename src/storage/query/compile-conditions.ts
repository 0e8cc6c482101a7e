import { ME, type Condition, type TextOp } from "../../domain/query/ast.ts";
import {
  compareRange,
  periodRange,
  type DateContext,
  type DateRange,
} from "../../domain/query/relative-dates.ts";
import { type Params, type SqlDialect } from "./sql-text.ts";
import { textPresent, type Source } from "./sources.ts";

export interface ConditionContext {
  dialect: SqlDialect;
  viewerUserId: string;
  dates: DateContext;
}

const NEVER = "1 = 0";
const ALWAYS = "1 = 1";

/**
 * Notion's negative conditions (does_not_equal, does_not_contain) also return rows whose value is
 * empty, like its UI's "is not" / "does not contain": they are the exact complement of the positive
 * condition. `coalesce` turns SQL's unknown (absent value) into false before negating.
 */
function not(condition: string): string {
  return `not coalesce(${condition}, false)`;
}

function textCondition(op: TextOp, value: string, source: Source, ctx: ConditionContext, p: Params): string {
  const present = textPresent(source.text);
  // Values are stored absent, never "", when empty; so "" as an operand can only mean "empty"
  // (equality) or "anything" (every non-empty text contains, starts and ends with "").
  if (value === "") {
    if (op === "equals") return not(present);
    if (op === "does_not_equal") return present;
    return op.startsWith("does_not") ? not(present) : present;
  }
  const text = `lower(${source.text})`;
  // A function: each call adds its parameter, so it must run only where its text is used.
  const contains = (): string =>
    ctx.dialect === "sqlite"
      ? `instr(${text}, lower(${p.text(value)})) > 0`
      : `strpos(${text}, lower(${p.text(value)})) > 0`;
  switch (op) {
    case "equals":
      return `${text} = lower(${p.text(value)})`;
    case "does_not_equal":
      return not(`${text} = lower(${p.text(value)})`);
    case "contains":
      return contains();
    case "does_not_contain":
      return not(contains());
    case "starts_with":
      return `substr(${text}, 1, length(lower(${p.text(value)}))) = lower(${p.text(value)})`;
    case "ends_with":
      // SQLite has no right(); a negative start counts from the end.
      return ctx.dialect === "sqlite"
        ? `substr(${text}, -length(lower(${p.text(value)}))) = lower(${p.text(value)})`
        : `right(${text}, length(lower(${p.text(value)}))) = lower(${p.text(value)})`;
  }
}

function dateRange(range: DateRange, source: Source, p: Params): string {
  const parts: string[] = [];
  if (range.from)
    parts.push(
      `${source.date} ${range.from.inclusive ? ">=" : ">"} ${p.add(source.dateParam(range.from.ms))}`,
    );
  if (range.to)
    parts.push(`${source.date} ${range.to.inclusive ? "<=" : "<"} ${p.add(source.dateParam(range.to.ms))}`);
  return parts.length === 0 ? `${source.date} is not null` : parts.join(" and ");
}

const NUMBER_OPERATORS = {
  equals: "=",
  greater_than: ">",
  less_than: "<",
  greater_than_or_equal_to: ">=",
  less_than_or_equal_to: "<=",
} as const;

/** SQL for one condition on one source; parameters are appended to `p` in text order. */
export function compileCondition(
  condition: Condition,
  source: Source,
  ctx: ConditionContext,
  p: Params,
): string {
  switch (condition.kind) {
    case "text":
      if (condition.op === "is_empty") return not(textPresent(source.text));
      if (condition.op === "is_not_empty") return textPresent(source.text);
      return textCondition(condition.op, condition.value, source, ctx, p);
    case "number":
      if (condition.op === "is_empty") return `${source.number} is null`;
      if (condition.op === "is_not_empty") return `${source.number} is not null`;
      if (condition.op === "does_not_equal") return not(`${source.number} = ${p.add(condition.value)}`);
      return `${source.number} ${NUMBER_OPERATORS[condition.op]} ${p.add(condition.value)}`;
    case "checkbox": {
      // An unset checkbox is false, never empty.
      const checked = condition.value === (condition.op === "equals");
      return checked
        ? `${source.boolean} = true`
        : `(${source.boolean} = false or ${source.boolean} is null)`;
    }
    case "option":
      if (condition.op === "is_empty") return not(textPresent(source.option));
      if (condition.op === "is_not_empty") return textPresent(source.option);
      if (condition.values.length === 0) return condition.op === "equals" ? NEVER : ALWAYS;
      return condition.op === "equals"
        ? `${source.option} in (${p.list(condition.values)})`
        : not(`${source.option} in (${p.list(condition.values)})`);
    case "membership": {
      if (condition.op === "is_empty") return not(source.listPresent);
      if (condition.op === "is_not_empty") return source.listPresent;
      const values = condition.values.map((v) => (v === ME ? ctx.viewerUserId : v));
      const holds = source.holdsAny(values, p);
      return condition.op === "contains" ? holds : not(holds);
    }
    case "date":
      if (condition.op === "is_empty") return `${source.date} is null`;
      if (condition.op === "is_not_empty") return `${source.date} is not null`;
      if ("value" in condition)
        return dateRange(compareRange(condition.op, condition.value, ctx.dates), source, p);
      return dateRange(periodRange(condition.op, ctx.dates), source, p);
    case "files":
      // Stored as the number of files, absent when there are none.
      return condition.op === "is_empty"
        ? `coalesce(${source.number}, 0) = 0`
        : `coalesce(${source.number}, 0) > 0`;
    case "verification": {
      // "none" is Notion's filter name for the `unverified` state, which is also what an absent value means.
      const is =
        condition.value === "none"
          ? not(`${source.option} in (${p.list(["verified", "expired"])})`)
          : `${source.option} = ${p.add(condition.value)}`;
      return condition.op === "status" ? is : not(is);
    }
  }
}

import type { FilterNode, RollupNode } from "../../domain/query/ast.ts";
import { compileCondition, type ConditionContext } from "./compile-conditions.ts";
import type { Params } from "./sql-text.ts";
import { columnSource, elementSource, propertySource, rollupElements } from "./sources.ts";

/**
 * Rollup quantifiers over the elements of a list rollup. `every` needs at least one element: with
 * vacuous truth, `{every: {rich_text: {contains: "x"}}}` would return every row without related
 * pages, which nobody filtering for "all of them say x" means. `none` holds for an empty rollup.
 */
function compileRollup(node: RollupNode, ctx: ConditionContext, p: Params): string {
  const from = rollupElements(ctx.dialect, node.propertyId);
  const element = elementSource(ctx.dialect);
  switch (node.quantifier) {
    case "any":
      return `exists (select 1 from ${from} where ${compileCondition(node.condition, element, ctx, p)})`;
    case "none":
      return `not exists (select 1 from ${from} where ${compileCondition(node.condition, element, ctx, p)})`;
    case "every":
      return `(exists (select 1 from ${from}) and not exists (select 1 from ${from} where not coalesce(${compileCondition(node.condition, element, ctx, p)}, false)))`;
  }
}

export function compileFilter(node: FilterNode, ctx: ConditionContext, p: Params): string {
  switch (node.kind) {
    case "and":
    case "or": {
      const parts = node.filters.map((child) => compileFilter(child, ctx, p));
      return parts.length === 1 ? (parts[0] ?? "") : `(${parts.join(` ${node.kind} `)})`;
    }
    case "rollup":
      return compileRollup(node, ctx, p);
    case "condition": {
      const { target } = node;
      const source =
        target.kind === "column"
          ? columnSource(target.column)
          : propertySource(
              ctx.dialect,
              target.propertyId,
              target.propertyType === "formula" || target.propertyType === "rollup",
            );
      return `(${compileCondition(node.condition, source, ctx, p)})`;
    }
  }
}

export { compileQuery, type CompileQueryOptions, type CompiledQuery } from "./compile-query.ts";
export {
  indexableExpression,
  quotedKey,
  type ExpressionOptions,
  type SqlDialect,
  type ValueKind,
} from "./sql-text.ts";
export { orderByOf, type SortKey } from "./compile-sorts.ts";
export type { Narrowing, SortWalk } from "./narrowing.ts";

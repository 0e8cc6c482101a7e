import type { JsonObject } from "../validation.ts";
import { type Fields, createFromFields, updateFromFields } from "./fields.ts";
import type { NewBlock } from "./types.ts";

/** What a block of some type may carry in a create request's `children`. */
export interface ChildRule {
  /** When false, `children` must be absent. */
  allowed: boolean;
  /** When set, `children` is required and must hold at least this many blocks. */
  min?: number;
  /**
   * The SDK types a tab at the deepest nesting level as an empty object, so its tab items are only
   * required where a level of nesting is left to hold them.
   */
  minOnlyWhenNestable?: boolean;
  /** The one type its children may have (column_list → column, table → table_row, tab → paragraph). */
  only?: string;
  /**
   * Columns do not count as a level: the SDK's `ColumnListRequest` lets a top-level column_list hold
   * columns whose children have children, so a column_list's columns inherit its own budget.
   */
  transparent?: boolean;
}

export interface BlockSpec {
  /** Validates a create request's `<type>` object (minus `children`) into stored content. */
  create(input: JsonObject, path: string): JsonObject;
  /** Validates a PATCH's partial `<type>` object and returns `current` with it applied. */
  update(current: JsonObject, input: JsonObject, path: string): JsonObject;
  children(content: JsonObject): ChildRule;
  /** Checks that need the parsed children too (a table's rows must match its width). */
  checkChildren?(content: JsonObject, children: NewBlock[], childrenPath: string): void;
  /** Block types this one may sit under; absent means any. */
  parents?: readonly string[];
}

export const NO_CHILDREN: ChildRule = { allowed: false };
export const ANY_CHILDREN: ChildRule = { allowed: true };

export function fieldSpec(fields: Fields, rule: ChildRule, extra: Partial<BlockSpec> = {}): BlockSpec {
  return {
    create: (input, path) => createFromFields(fields, input, path),
    update: (current, input, path) => updateFromFields(fields, current, input, path),
    children: () => rule,
    ...extra,
  };
}

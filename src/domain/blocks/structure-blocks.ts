import { parseRichText } from "../rich-text.ts";
import {
  type JsonObject,
  fail,
  requireArray,
  requireNumber,
  requireObject,
  requireUuid,
} from "../validation.ts";
import { type Field, colorField, falseByDefault, pickVariant, requireInteger, sameJson } from "./fields.ts";
import { ANY_CHILDREN, type BlockSpec, NO_CHILDREN, fieldSpec } from "./spec.ts";
import type { NewBlock } from "./types.ts";

function parseSyncedFrom(value: unknown, path: string): JsonObject | null {
  if (value === null) return null;
  const input = requireObject(value, path);
  if (input.type !== undefined && input.type !== "block_id") fail(`${path}.type`, '`"block_id"`', input.type);
  return { type: "block_id", block_id: requireUuid(input.block_id, `${path}.block_id`) };
}

/** `synced_from: null` makes an original; a duplicate mirrors its original and holds no children itself. */
const syncedFrom: Field = { parse: parseSyncedFrom, required: true, fixed: true };

function parseWidthRatio(value: unknown, path: string): number {
  const ratio = requireNumber(value, path);
  if (ratio <= 0 || ratio > 1) fail(path, "greater than `0` and ≤ `1`", value);
  return ratio;
}

function parseCells(value: unknown, path: string): unknown[] {
  return requireArray(value, path).map((cell, i) => parseRichText(cell, `${path}[${i}]`));
}

const LINK_TARGETS = ["page_id", "database_id", "comment_id"] as const;

function parseLinkTarget(input: JsonObject, path: string): JsonObject {
  const kind = pickVariant(input, path, LINK_TARGETS);
  return { type: kind, [kind]: requireUuid(input[kind], `${path}.${kind}`) };
}

export function checkRowWidth(cells: unknown, width: unknown, cellsPath: string): void {
  if (!Array.isArray(cells) || typeof width !== "number" || cells.length === width) return;
  fail(`${cellsPath}.length`, `equal to the table's table_width \`${width}\``, cells.length);
}

function checkRows(content: JsonObject, rows: NewBlock[], childrenPath: string): void {
  rows.forEach((row, i) => {
    checkRowWidth(row.content.cells, content.table_width, `${childrenPath}[${i}].table_row.cells`);
  });
}

const empty = fieldSpec({}, NO_CHILDREN);

export const STRUCTURE_BLOCKS: Record<string, BlockSpec> = {
  synced_block: fieldSpec({ synced_from: syncedFrom }, ANY_CHILDREN, {
    children: (content) => (content.synced_from === null ? ANY_CHILDREN : NO_CHILDREN),
  }),
  divider: empty,
  breadcrumb: empty,
  table_of_contents: fieldSpec({ color: colorField }, NO_CHILDREN),
  tab: fieldSpec({}, { allowed: true, min: 1, minOnlyWhenNestable: true, only: "paragraph" }),
  column_list: fieldSpec({}, { allowed: true, min: 2, only: "column", transparent: true }),
  column: fieldSpec(
    { width_ratio: { parse: parseWidthRatio } },
    { allowed: true, min: 1 },
    {
      parents: ["column_list"],
    },
  ),
  table: fieldSpec(
    {
      table_width: { parse: (value, path) => requireInteger(value, path, 1), required: true, fixed: true },
      has_column_header: falseByDefault,
      has_row_header: falseByDefault,
    },
    { allowed: true, min: 1, only: "table_row" },
    { checkChildren: checkRows },
  ),
  table_row: {
    create: (input, path) => ({ cells: parseCells(input.cells, `${path}.cells`) }),
    update(current, input, path) {
      if (input.cells === undefined) return current;
      const cells = parseCells(input.cells, `${path}.cells`);
      // A row's width is its table's; the stored row already has it.
      const width = Array.isArray(current.cells) ? current.cells.length : undefined;
      checkRowWidth(cells, width, `${path}.cells`);
      return { ...current, cells };
    },
    children: () => NO_CHILDREN,
    parents: ["table"],
  },
  link_to_page: {
    create: (input, path) => parseLinkTarget(input, path),
    update(current, input, path) {
      const target = parseLinkTarget(input, path);
      return sameJson(target, current) ? current : target;
    },
    children: () => NO_CHILDREN,
  },
};

import { compactId, parseId } from "../domain/ids.ts";
import type { PropertySchema, PropertyType } from "../domain/properties/types.ts";
import type { SortNode } from "../domain/query/index.ts";
import type { Dialect } from "./database.ts";
import type { Executor } from "./executor.ts";
import { indexableExpression } from "./query/index.ts";
import { runRaw } from "./raw-sql.ts";

type ValueKind = Parameters<typeof indexableExpression>[2];

/** Which comparison each property type's filters and sorts use (see storage/query). */
const KIND: Partial<Record<PropertyType, ValueKind>> = {
  number: "number",
  unique_id: "number",
  date: "date",
  checkbox: "boolean",
  select: "option",
  status: "option",
  title: "text",
  rich_text: "text",
  url: "text",
  email: "text",
  phone_number: "text",
};

function indexName(sourceId: string, propertyId: string): string {
  return `qv_${compactId(sourceId)}_${propertyId.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** The data source id as a SQL literal: partial indexes only serve queries that name it literally. */
export function sourceLiteral(sourceId: string): string {
  const id = parseId(sourceId);
  if (!id) throw new Error(`not a data source id: ${sourceId}`);
  return `'${id}'`;
}

/**
 * One partial expression index per filterable property of a data source, over that source's rows
 * only, on exactly the expression the query compiler emits: filters and sorts then read an index
 * instead of every row's JSON (DESIGN: 100k rows, 252 ms without, ~3 ms with). Indexes of properties
 * that are gone (or changed kind) are dropped.
 */
export async function syncQueryIndexes(
  db: Executor,
  dialect: Dialect,
  sourceId: string,
  previous: PropertySchema[],
  schema: PropertySchema[],
): Promise<void> {
  const where = `parent_id = ${sourceLiteral(sourceId)}`;
  for (const old of previous) {
    const now = schema.find((p) => p.id === old.id);
    if (KIND[old.type] && (!now || KIND[now.type] !== KIND[old.type])) {
      await runRaw(db, `drop index if exists ${indexName(sourceId, old.id)}`, []);
    }
  }
  for (const property of schema) {
    const kind = KIND[property.type];
    if (!kind) continue;
    const expression = indexableExpression(dialect, property.id, kind, { alias: null });
    await runRaw(
      db,
      `create index if not exists ${indexName(sourceId, property.id)} on blocks ((${expression})) where ${where}`,
      [],
    );
  }
}

/** A first sort that can walk its property's index instead of sorting every matching row. */
export interface SortProbe {
  index: string;
  expression: string;
  direction: "asc" | "desc";
}

export function sortProbe(dialect: Dialect, sourceId: string, sort: SortNode | undefined): SortProbe | null {
  const value = sort?.value;
  if (!sort || !value || (value.kind !== "number" && value.kind !== "date")) return null;
  return {
    index: indexName(sourceId, value.propertyId),
    expression: indexableExpression(dialect, value.propertyId, value.kind, { alias: null }),
    direction: sort.direction === "ascending" ? "asc" : "desc",
  };
}

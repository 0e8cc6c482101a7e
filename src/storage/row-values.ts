import type { QueryValues } from "../domain/properties/types.ts";
import type { Executor } from "./executor.ts";
import { runRaw } from "./raw-sql.ts";

/** One `row_values` entry (migration 011): a number (dates as epoch ms, booleans as 1/0) or a string. */
interface Entry {
  propertyId: string;
  num: number | null;
  txt: string | null;
}

function entryOf(propertyId: string, value: string | number | boolean): Entry {
  if (typeof value === "string") return { propertyId, num: null, txt: value };
  return { propertyId, num: typeof value === "boolean" ? Number(value) : value, txt: null };
}

/** Every scalar, and every element of a list; date ends (`<id>:end`) are only ever filtered on the row. */
export function rowValueEntries(values: QueryValues): Entry[] {
  return Object.entries(values).flatMap(([propertyId, value]) => {
    if (propertyId.endsWith(":end")) return [];
    return Array.isArray(value) ? value.map((v) => entryOf(propertyId, v)) : [entryOf(propertyId, value)];
  });
}

export interface RowValues {
  rowId: string;
  sourceId: string;
  values: QueryValues;
}

const BATCH = 150;
// Strings are folded by the engine, with the same `lower` the query compiler compares with.
const ENTRY = "(?, ?, ?, ?, lower(?))";

/** Adds the entries of new rows, in multi-row statements that stay under SQLite's parameter limit. */
export async function insertRowValues(db: Executor, rows: RowValues[]): Promise<void> {
  const params = rows.flatMap((row) =>
    rowValueEntries(row.values).flatMap((e) => [row.rowId, row.sourceId, e.propertyId, e.num, e.txt]),
  );
  const perEntry = 5;
  for (let i = 0; i < params.length; i += BATCH * perEntry) {
    const chunk = params.slice(i, i + BATCH * perEntry);
    const entries = Array.from({ length: chunk.length / perEntry }, () => ENTRY).join(", ");
    await runRaw(
      db,
      `insert into row_values (row_id, source_id, property_id, num, txt) values ${entries}`,
      chunk,
    );
  }
}

/** Replaces a row's entries; `sourceId` null when the page is no longer a row of any data source. */
export async function replaceRowValues(
  db: Executor,
  rowId: string,
  sourceId: string | null,
  values: QueryValues,
): Promise<void> {
  await runRaw(db, `delete from row_values where row_id = ?`, [rowId]);
  if (sourceId) await insertRowValues(db, [{ rowId, sourceId, values }]);
}

import type { PropertySchema } from "../domain/properties/types.ts";
import type { Executor } from "./executor.ts";
import { readRows, runRaw } from "./raw-sql.ts";

/** A relation property that one of its own source's rollups reads, and the source it points at. */
export interface RollupLink {
  sourceId: string;
  propertyId: string;
  targetSourceId: string;
}

/** The rolled-up relations of a schema (one-way ones included: the target's rows don't know them). */
export function rollupLinksOf(sourceId: string, schema: PropertySchema[]): RollupLink[] {
  const rolled = new Set(
    schema.flatMap((p) => (p.type === "rollup" ? [String(p.config.relation_property_id ?? "")] : [])),
  );
  return schema.flatMap((p) =>
    p.type === "relation" && rolled.has(p.id) && typeof p.config.data_source_id === "string"
      ? [{ sourceId, propertyId: p.id, targetSourceId: p.config.data_source_id }]
      : [],
  );
}

/**
 * Kept with every schema write (database-repo.ts), so that a row write finds the rows whose rollups
 * read it from this table's index, instead of reading every data source's schema in the workspace.
 */
export async function replaceRollupLinks(
  db: Executor,
  sourceId: string,
  schema: PropertySchema[],
): Promise<void> {
  await runRaw(db, `delete from rollup_links where source_id = ?`, [sourceId]);
  const links = rollupLinksOf(sourceId, schema);
  if (links.length === 0) return;
  await runRaw(
    db,
    `insert into rollup_links (source_id, property_id, target_source_id) values ${links.map(() => "(?, ?, ?)").join(", ")}`,
    links.flatMap((l) => [l.sourceId, l.propertyId, l.targetSourceId]),
  );
}

/**
 * Live rows (not templates) whose rollups read `pageId`, a row of `sourceId`, through a relation
 * that holds it: found through the relations' `row_values` entries (migration 011).
 */
export async function rowsRollingUp(db: Executor, sourceId: string, pageId: string): Promise<string[]> {
  const links = await readRows<{ sourceId: string; propertyId: string }>(
    db,
    `select source_id as "sourceId", property_id as "propertyId" from rollup_links where target_source_id = ?`,
    [sourceId],
  );
  if (links.length === 0) return [];
  const pairs = links.map(() => "(v.source_id = ? and v.property_id = ?)").join(" or ");
  const rows = await readRows<{ id: string }>(
    db,
    `select distinct b.id from row_values v cross join blocks b
      where (${pairs}) and v.txt = lower(?) and b.id = v.row_id and b.parent_id = v.source_id
        and b.in_trash = 0 and b.is_template = 0`,
    [...links.flatMap((l) => [l.sourceId, l.propertyId]), pageId],
  );
  return rows.map((r) => r.id);
}

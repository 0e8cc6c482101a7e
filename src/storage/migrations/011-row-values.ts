import { type Kysely, sql } from "kysely";
import type { PropertySchema } from "../../domain/properties/types.ts";
import type { Dialect } from "../store.ts";
import { rollupLinksOf } from "../rollup-links.ts";

/**
 * Typed values of data-source rows in one table shared by every source, replacing the partial
 * expression indexes each source used to add to `blocks` (one per filterable property). Those made
 * every block write evaluate every source's index predicate, so writes slowed with each database
 * created, and creating a database ran DDL inside the user's transaction. Here the indexes are fixed:
 * a write costs the same whatever the workspace holds (docs/storage.md has the measurements).
 *
 * One entry per scalar value of a row's `query_values`, and one per element of a list value: `num`
 * for numbers, dates (epoch ms) and booleans (1/0), `txt` for strings, folded by the engine's `lower`
 * (the fold the query compiler compares with). Filters still evaluate `query_values`; these entries
 * only find the candidate rows quickly (storage/query/narrowing.ts) and walk sorts in order.
 *
 * `rollup_links` lists the relations each source's rollups read (storage/rollup-links.ts), so a row
 * write finds the rollups to recompute without reading every data source's schema.
 */
export function rowValuesMigration(dialect: Dialect) {
  // Byte-wise order, as text sorts compare on PostgreSQL (compile-sorts.ts).
  const text = dialect === "postgres" ? sql`text collate "C"` : sql`text`;
  const number = dialect === "postgres" ? sql`double precision` : sql`real`;
  // `row_id` last in the value indexes, so narrowing counts and sort walks read the index alone.
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("row_values")
        .addColumn("row_id", "text", (c) => c.notNull())
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("property_id", "text", (c) => c.notNull())
        .addColumn("num", number)
        .addColumn("txt", text)
        .execute();
      await sql`create index row_values_row on row_values (row_id)`.execute(db);
      await sql`create index row_values_num on row_values (source_id, property_id, num, row_id)`.execute(db);
      await sql`create index row_values_txt on row_values (source_id, property_id, txt, row_id)`.execute(db);
      await dropSourceIndexes(db, dialect);
      await sql.raw(backfill(dialect)).execute(db);
      await db.schema
        .createTable("rollup_links")
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("property_id", "text", (c) => c.notNull())
        .addColumn("target_source_id", "text", (c) => c.notNull())
        .execute();
      await sql`create index rollup_links_target on rollup_links (target_source_id)`.execute(db);
      await sql`create index rollup_links_source on rollup_links (source_id)`.execute(db);
      await backfillRollupLinks(db);
    },
  };
}

/** The per-source `qv_<source>_<property>` indexes of storage/query-indexes.ts, which this replaces. */
async function dropSourceIndexes(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { rows } =
    dialect === "sqlite"
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and name like 'qv\_%' escape '\\'`.execute(db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes
          where schemaname = current_schema() and indexname like 'qv\\_%'`.execute(db);
  for (const { name } of rows) await sql`drop index if exists ${sql.id(name)}`.execute(db);
}

/** Entries for the rows that exist, from their `query_values` (date ends, `<id>:end`, are not indexed). */
function backfill(dialect: Dialect): string {
  if (dialect === "sqlite") {
    const entry = (value: string, type: string) => `case when ${type} in ('integer', 'real') then ${value}
      when ${type} = 'true' then 1 when ${type} = 'false' then 0 end,
      case when ${type} = 'text' then lower(${value}) end`;
    return `insert into row_values (row_id, source_id, property_id, num, txt)
      select b.id, b.parent_id, e.key, ${entry("coalesce(i.value, e.value)", "coalesce(i.type, e.type)")}
      from blocks b join json_each(b.query_values) e
      left join json_each(case when e.type = 'array' then e.value else '[]' end) i
      where b.parent_type = 'data_source_id' and e.key not like '%:end'
        and (e.type <> 'array' or i.key is not null)`;
  }
  const entry = (
    value: string,
  ) => `case when jsonb_typeof(${value}) = 'number' then (${value} #>> '{}')::float8
      when jsonb_typeof(${value}) = 'boolean' then case when (${value} #>> '{}')::boolean then 1 else 0 end end,
      case when jsonb_typeof(${value}) = 'string' then lower(${value} #>> '{}') end`;
  return `insert into row_values (row_id, source_id, property_id, num, txt)
    select b.id, b.parent_id, e.key, ${entry("x.value")}
    from blocks b cross join lateral jsonb_each(b.query_values) e
    cross join lateral jsonb_array_elements(case when jsonb_typeof(e.value) = 'array' then e.value
      else jsonb_build_array(e.value) end) x(value)
    where b.parent_type = 'data_source_id' and e.key not like '%:end'`;
}

async function backfillRollupLinks(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{
    id: string;
    properties: string;
  }>`select id, properties from data_sources`.execute(db);
  for (const row of rows) {
    for (const link of rollupLinksOf(row.id, JSON.parse(row.properties) as PropertySchema[])) {
      await sql`insert into rollup_links (source_id, property_id, target_source_id)
        values (${link.sourceId}, ${link.propertyId}, ${link.targetSourceId})`.execute(db);
    }
  }
}

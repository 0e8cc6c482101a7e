import type { PropertySchema } from "../domain/properties/types.ts";
import type { RichTextItem } from "../domain/rich-text.ts";
import type { BlockRecord } from "./block-repo.ts";
import type { Executor } from "./executor.ts";
import { readRows } from "./raw-sql.ts";
import { replaceRollupLinks } from "./rollup-links.ts";
import { readJson } from "./schema.ts";

export interface DatabaseFields {
  id: string;
  workspaceId: string;
  title: RichTextItem[];
  description: RichTextItem[];
  isInline: boolean;
}

export interface DataSourceFields {
  id: string;
  workspaceId: string;
  databaseId: string;
  title: RichTextItem[];
  description: RichTextItem[];
  schema: PropertySchema[];
  uniqueCounter: number;
}

/** A database: its block, its fields and its data sources' fields. */
export interface DatabaseView {
  block: BlockRecord;
  fields: DatabaseFields;
  sources: DataSourceFields[];
}

/** A data source: its block, its fields, and the database that holds it. */
export interface DataSourceView {
  block: BlockRecord;
  fields: DataSourceFields;
  database: { block: BlockRecord; fields: DatabaseFields };
}

export async function insertDatabaseFields(db: Executor, fields: DatabaseFields): Promise<void> {
  await db
    .insertInto("databases")
    .values({
      id: fields.id,
      workspaceId: fields.workspaceId,
      title: JSON.stringify(fields.title),
      description: JSON.stringify(fields.description),
      isInline: fields.isInline ? 1 : 0,
    })
    .execute();
}

export async function findDatabaseFields(db: Executor, id: string): Promise<DatabaseFields | undefined> {
  const row = await db.selectFrom("databases").selectAll().where("id", "=", id).executeTakeFirst();
  return (
    row && {
      id: row.id,
      workspaceId: row.workspaceId,
      title: readJson<RichTextItem[]>(row.title) ?? [],
      description: readJson<RichTextItem[]>(row.description) ?? [],
      isInline: Boolean(row.isInline),
    }
  );
}

export async function updateDatabaseFields(
  db: Executor,
  id: string,
  patch: Partial<Pick<DatabaseFields, "title" | "description" | "isInline">>,
): Promise<void> {
  const values: Record<string, string | number> = {};
  if (patch.title) values.title = JSON.stringify(patch.title);
  if (patch.description) values.description = JSON.stringify(patch.description);
  if (patch.isInline !== undefined) values.isInline = patch.isInline ? 1 : 0;
  if (Object.keys(values).length > 0)
    await db.updateTable("databases").set(values).where("id", "=", id).execute();
}

function toDataSource(row: {
  id: string;
  workspaceId: string;
  databaseId: string;
  title: string;
  description: string;
  properties: string;
  uniqueCounter: number;
}): DataSourceFields {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    databaseId: row.databaseId,
    title: readJson<RichTextItem[]>(row.title) ?? [],
    description: readJson<RichTextItem[]>(row.description) ?? [],
    schema: readJson<PropertySchema[]>(row.properties) ?? [],
    uniqueCounter: Number(row.uniqueCounter),
  };
}

export async function insertDataSourceFields(db: Executor, fields: DataSourceFields): Promise<void> {
  await db
    .insertInto("dataSources")
    .values({
      id: fields.id,
      workspaceId: fields.workspaceId,
      databaseId: fields.databaseId,
      title: JSON.stringify(fields.title),
      description: JSON.stringify(fields.description),
      properties: JSON.stringify(fields.schema),
      uniqueCounter: fields.uniqueCounter,
    })
    .execute();
  await replaceRollupLinks(db, fields.id, fields.schema);
}

// Plain SQL (raw-sql.ts): creating a row reads its source's fields up to three times, and the query
// builder's per-call compile cost more than the statement.
const DATA_SOURCE_FIELDS = `select id, workspace_id as "workspaceId", database_id as "databaseId", title,
  description, properties, unique_counter as "uniqueCounter" from data_sources where id = ?`;

export async function findDataSourceFields(db: Executor, id: string): Promise<DataSourceFields | undefined> {
  const [row] = await readRows<Parameters<typeof toDataSource>[0]>(db, DATA_SOURCE_FIELDS, [id]);
  return row && toDataSource(row);
}

/** The sources of a database, oldest first (a database's first source is its "main" one). */
export async function listDataSourceFields(db: Executor, databaseId: string): Promise<DataSourceFields[]> {
  const rows = await db
    .selectFrom("dataSources as d")
    .innerJoin("blocks as b", "b.id", "d.id")
    .selectAll("d")
    .where("d.databaseId", "=", databaseId)
    .where("b.inTrash", "=", 0)
    .orderBy("b.sortKey")
    .execute();
  return rows.map(toDataSource);
}

export async function updateDataSourceFields(
  db: Executor,
  id: string,
  patch: Partial<Pick<DataSourceFields, "title" | "description" | "schema" | "uniqueCounter" | "databaseId">>,
): Promise<void> {
  const values: Record<string, string | number> = {};
  if (patch.title) values.title = JSON.stringify(patch.title);
  if (patch.description) values.description = JSON.stringify(patch.description);
  if (patch.schema) values.properties = JSON.stringify(patch.schema);
  if (patch.uniqueCounter !== undefined) values.uniqueCounter = patch.uniqueCounter;
  if (patch.databaseId) values.databaseId = patch.databaseId;
  if (Object.keys(values).length > 0)
    await db.updateTable("dataSources").set(values).where("id", "=", id).execute();
  if (patch.schema) await replaceRollupLinks(db, id, patch.schema);
}

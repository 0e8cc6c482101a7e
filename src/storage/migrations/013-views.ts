import { type Kysely, sql } from "kysely";
import { newId } from "../../domain/ids.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import { DEFAULT_VIEW_NAME } from "../../domain/views/view-types.ts";

/**
 * Database views (reference/view) and the stored results of view queries (reference/create-view-query).
 *
 * A view belongs to a database and is scoped to one of its data sources (none for a dashboard). Its
 * filter, sorts, quick filters and configuration are JSON in Notion's wire shape, except that they name
 * properties by id, so a rename needs no rewrite and a deleted property is dropped when it is read.
 * `sort_key` orders a database's tabs.
 *
 * A view query keeps the ids of the rows it matched (at most 10,000, Notion's cap), so its pages stay
 * the same while rows are written, until it expires 15 minutes after it was made.
 *
 * Every data source gets a default table view when it is created (the "Default behavior" section of
 * guides/data-apis/working-with-views); existing ones get theirs here.
 */
export const viewsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("views")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("database_id", "text", (c) => c.notNull())
      .addColumn("data_source_id", "text")
      .addColumn("dashboard_view_id", "text")
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("filter", "text")
      .addColumn("sorts", "text")
      .addColumn("quick_filters", "text")
      .addColumn("configuration", "text")
      .addColumn("sort_key", "text", (c) => c.notNull())
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("last_edited_time", "text", (c) => c.notNull())
      .addColumn("last_edited_by", "text", (c) => c.notNull())
      .execute();
    await sql`create index views_database on views (database_id, sort_key, id)`.execute(db);
    await sql`create index views_data_source on views (data_source_id, sort_key, id)`.execute(db);
    await db.schema
      .createTable("view_queries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("view_id", "text", (c) => c.notNull())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("row_ids", "text", (c) => c.notNull())
      .addColumn("total_count", "integer", (c) => c.notNull())
      .addColumn("incomplete", "integer", (c) => c.notNull())
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await sql`create index view_queries_expiry on view_queries (expires_at)`.execute(db);
    await backfillDefaultViews(db);
  },
};

async function backfillDefaultViews(db: Kysely<unknown>): Promise<void> {
  // camelCase aliases: the store's CamelCasePlugin would rename snake_case result keys.
  const { rows } = await sql<{
    id: string;
    workspaceId: string;
    databaseId: string;
    createdTime: string;
    createdBy: string;
  }>`select d.id as "id", d.workspace_id as "workspaceId", d.database_id as "databaseId",
        b.created_time as "createdTime", b.created_by as "createdBy"
      from data_sources d join blocks b on b.id = d.id order by b.sort_key, d.id`.execute(db);
  // A database's sources keep their order as its tabs.
  const lastKey = new Map<string, string>();
  for (const source of rows) {
    const sortKey = keyBetween(lastKey.get(source.databaseId) ?? null, null);
    lastKey.set(source.databaseId, sortKey);
    await sql`insert into views (id, workspace_id, database_id, data_source_id, name, type, sort_key,
        created_time, created_by, last_edited_time, last_edited_by)
      values (${newId()}, ${source.workspaceId}, ${source.databaseId}, ${source.id}, ${DEFAULT_VIEW_NAME},
        'table', ${sortKey}, ${source.createdTime}, ${source.createdBy}, ${source.createdTime},
        ${source.createdBy})`.execute(db);
  }
}

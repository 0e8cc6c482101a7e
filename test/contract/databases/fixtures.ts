import {
  type Client,
  type CreateDataSourceParameters,
  type CreatePageParameters,
  type DatabaseObjectResponse,
  type DataSourceObjectResponse,
  type PageObjectResponse,
  type QueryDataSourceParameters,
  collectPaginatedAPI,
  isFullDatabase,
  isFullDataSource,
} from "@notionhq/client";
import type { TestWorkspace } from "../../support/quire.ts";
import { fullPage, plain, text, workspacePage } from "../helpers.ts";

/** Shared by the database suites: a database under a fresh workspace page, rows, and name-based reads. */

export type Schema = CreateDataSourceParameters["properties"];
export type RowProperties = NonNullable<CreatePageParameters["properties"]>;
export type Filter = QueryDataSourceParameters["filter"];
export type Sorts = QueryDataSourceParameters["sorts"];

export interface Table {
  client: Client;
  rootId: string;
  database: DatabaseObjectResponse;
  databaseId: string;
  dataSourceId: string;
  dataSource: DataSourceObjectResponse;
}

export function fullDatabase(response: unknown): DatabaseObjectResponse {
  if (!isFullDatabase(response as Parameters<typeof isFullDatabase>[0])) {
    throw new Error(`expected a full database, got ${JSON.stringify(response)}`);
  }
  return response as DatabaseObjectResponse;
}

export function fullDataSource(response: unknown): DataSourceObjectResponse {
  if (!isFullDataSource(response as Parameters<typeof isFullDataSource>[0])) {
    throw new Error(`expected a full data source, got ${JSON.stringify(response)}`);
  }
  return response as DataSourceObjectResponse;
}

/** A database whose title property is `Name` unless the schema names another. */
export async function newTable(
  ws: TestWorkspace,
  properties: Schema,
  options: { title?: string; rootId?: string; client?: Client } = {},
): Promise<Table> {
  const client = options.client ?? ws.client();
  const rootId = options.rootId ?? (await workspacePage(client)).id;
  const hasTitle = Object.values(properties).some((config) => "title" in config);
  const database = fullDatabase(
    await client.databases.create({
      parent: { type: "page_id", page_id: rootId },
      title: text(options.title ?? "Table"),
      initial_data_source: { properties: hasTitle ? properties : { Name: { title: {} }, ...properties } },
    }),
  );
  const dataSourceId = database.data_sources[0]?.id;
  if (!dataSourceId) throw new Error("the database has no data source");
  const dataSource = fullDataSource(await client.dataSources.retrieve({ data_source_id: dataSourceId }));
  return { client, rootId, database, databaseId: database.id, dataSourceId, dataSource };
}

export async function addRow(
  table: Pick<Table, "client" | "dataSourceId">,
  name: string,
  properties: RowProperties = {},
): Promise<PageObjectResponse> {
  return fullPage(
    await table.client.pages.create({
      parent: { type: "data_source_id", data_source_id: table.dataSourceId },
      properties: { Name: { title: text(name) }, ...properties },
    }),
  );
}

export async function addRows(
  table: Pick<Table, "client" | "dataSourceId">,
  rows: Record<string, RowProperties>,
): Promise<Record<string, PageObjectResponse>> {
  const created: Record<string, PageObjectResponse> = {};
  for (const [name, properties] of Object.entries(rows))
    created[name] = await addRow(table, name, properties);
  return created;
}

export async function updateRow(
  client: Client,
  pageId: string,
  properties: NonNullable<CreatePageParameters["properties"]>,
): Promise<PageObjectResponse> {
  return fullPage(await client.pages.update({ page_id: pageId, properties }));
}

/** The title of a row, whatever its title property is called. */
export function rowName(page: PageObjectResponse): string {
  for (const value of Object.values(page.properties)) {
    if (value.type === "title") return plain(value.title);
  }
  throw new Error(`page ${page.id} has no title`);
}

export async function queryRows(
  table: Pick<Table, "client" | "dataSourceId">,
  body: Omit<QueryDataSourceParameters, "data_source_id"> = {},
): Promise<PageObjectResponse[]> {
  const results = await collectPaginatedAPI(table.client.dataSources.query, {
    data_source_id: table.dataSourceId,
    ...body,
  });
  return results.map(fullPage);
}

/** Names of the rows a query returns, in result order. */
export async function queryNames(
  table: Pick<Table, "client" | "dataSourceId">,
  body: Omit<QueryDataSourceParameters, "data_source_id"> = {},
): Promise<string[]> {
  return (await queryRows(table, body)).map(rowName);
}

/** Names of the rows a filter matches, sorted, for filters whose result order is unspecified. */
export async function matching(
  table: Pick<Table, "client" | "dataSourceId">,
  filter: Filter,
): Promise<string[]> {
  return (await queryNames(table, { filter })).sort();
}

/** The property value of a row as the page serves it. */
export function valueOf(page: PageObjectResponse, name: string): PageObjectResponse["properties"][string] {
  const value = page.properties[name];
  if (!value)
    throw new Error(`page ${page.id} has no property ${name}: ${Object.keys(page.properties).join(", ")}`);
  return value;
}

/** The plain value of a property, flattened for easy comparisons (names for options, ids for relations). */
export function simple(page: PageObjectResponse, name: string): unknown {
  const value = valueOf(page, name);
  switch (value.type) {
    case "title":
      return plain(value.title);
    case "rich_text":
      return plain(value.rich_text);
    case "select":
      return value.select?.name ?? null;
    case "status":
      return value.status?.name ?? null;
    case "multi_select":
      return value.multi_select.map((option) => option.name);
    case "relation":
      return value.relation.map((item) => item.id);
    case "people":
      return value.people.map((user) => user.id);
    case "formula":
    case "rollup": {
      // `{type, <type>: value}` (plus `function` for rollups); unsupported/incomplete results have no value.
      const computed = (value as unknown as Record<string, Record<string, unknown> & { type: string }>)[
        value.type
      ];
      if (!computed) return undefined;
      return computed.type in computed ? computed[computed.type] : `<${computed.type}>`;
    }
    default:
      return (value as unknown as Record<string, unknown>)[value.type];
  }
}

export async function retrievePage(client: Client, pageId: string): Promise<PageObjectResponse> {
  return fullPage(await client.pages.retrieve({ page_id: pageId }));
}

/** A property's id as the data source schema lists it. */
export function propertyId(table: Pick<Table, "dataSource">, name: string): string {
  const property = table.dataSource.properties[name];
  if (!property) throw new Error(`no property ${name}`);
  return property.id;
}

/** Projects ⇄ Tasks through a dual relation `Tasks.Project` whose twin is `Projects.Tasks`. */
export async function projectsAndTasks(ws: TestWorkspace): Promise<{ projects: Table; tasks: Table }> {
  const projects = await newTable(ws, {}, { title: "Projects" });
  const tasks = await newTable(
    ws,
    {
      Project: {
        relation: {
          data_source_id: projects.dataSourceId,
          type: "dual_property",
          dual_property: { synced_property_name: "Tasks" },
        },
      },
    },
    { title: "Tasks", rootId: projects.rootId, client: projects.client },
  );
  const refreshed = fullDataSource(
    await projects.client.dataSources.retrieve({ data_source_id: projects.dataSourceId }),
  );
  return { projects: { ...projects, dataSource: refreshed }, tasks };
}

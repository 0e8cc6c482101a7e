import {
  APIResponseError as APIResponseErrorV4,
  type Client as ClientV4,
  type DatabaseObjectResponse as DatabaseV4,
  type PageObjectResponse as PageV4,
  collectPaginatedAPI as collectV4,
  isFullPage as isFullPageV4,
} from "notion-client-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, text } from "../helpers.ts";
import { addRow, fullDataSource, newTable, queryNames, retrievePage, rowName, simple } from "./fixtures.ts";

/** Databases through both SDKs: 2022-06-28 (schema inline, databases.query) and 2025-09-03 (data sources). */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function pageV4(response: unknown): PageV4 {
  if (!isFullPageV4(response as Parameters<typeof isFullPageV4>[0])) throw new Error("expected a full page");
  return response as PageV4;
}

function databaseV4(response: unknown): DatabaseV4 {
  if (!(response && typeof response === "object" && "properties" in response)) {
    throw new Error(`expected a full 2022 database, got ${JSON.stringify(response)}`);
  }
  return response as DatabaseV4;
}

function titleV4(page: PageV4): string {
  for (const value of Object.values(page.properties)) {
    if (value.type === "title") return value.title.map((t) => t.plain_text).join("");
  }
  throw new Error("no title");
}

async function rootV4(client: ClientV4): Promise<string> {
  const root = await client.pages.create({
    parent: { workspace: true },
    properties: { title: { title: text("Root") } },
  });
  return root.id;
}

async function queryV4(
  client: ClientV4,
  databaseId: string,
  body: Record<string, unknown> = {},
): Promise<string[]> {
  const rows = await collectV4(client.databases.query, { database_id: databaseId, ...body });
  return rows.map((row) => titleV4(pageV4(row)));
}

describe("2022-06-28: databases carry their schema", () => {
  it("creates a database with inline properties and retrieves it in the 2022 shape", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const rootId = await rootV4(client);
    const created = databaseV4(
      await client.databases.create({
        parent: { page_id: rootId },
        title: text("Books"),
        properties: {
          Name: { title: {} },
          Pages: { number: { format: "number_with_commas" } },
          Genre: { select: { options: [{ name: "Fiction", color: "blue" }] } },
        },
      }),
    );
    expect(created).toMatchObject({
      object: "database",
      parent: { type: "page_id", page_id: rootId },
      is_inline: false,
      archived: false,
      in_trash: false,
    });
    expect(created).not.toHaveProperty("data_sources");
    expect(created.properties["Pages"]).toMatchObject({
      name: "Pages",
      type: "number",
      number: { format: "number_with_commas" },
    });
    expect(created.properties["Genre"]).toMatchObject({
      type: "select",
      select: { options: [{ name: "Fiction", color: "blue" }] },
    });
    const retrieved = databaseV4(await client.databases.retrieve({ database_id: created.id }));
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.properties).toEqual(created.properties);
  });

  it("creates rows with a database_id parent and queries them with databases.query", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const rootId = await rootV4(client);
    const db = databaseV4(
      await client.databases.create({
        parent: { page_id: rootId },
        properties: { Name: { title: {} }, Pages: { number: {} } },
      }),
    );
    for (const [name, pages] of [
      ["Short", 90],
      ["Long", 900],
      ["Medium", 300],
    ] as const) {
      const row = pageV4(
        await client.pages.create({
          parent: { database_id: db.id },
          properties: { Name: { title: text(name) }, Pages: { number: pages } },
        }),
      );
      expect(row.parent).toEqual({ type: "database_id", database_id: db.id });
    }
    const response = await client.databases.query({
      database_id: db.id,
      filter: { property: "Pages", number: { greater_than: 100 } },
      sorts: [{ property: "Pages", direction: "descending" }],
    });
    expect(response).toMatchObject({
      object: "list",
      type: "page_or_database",
      page_or_database: {},
      next_cursor: null,
    });
    expect(response.results.map((r) => titleV4(pageV4(r)))).toEqual(["Long", "Medium"]);
  });

  it("queries trashed rows with archived / in_trash and trashes the database with archived", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const rootId = await rootV4(client);
    const db = databaseV4(
      await client.databases.create({ parent: { page_id: rootId }, properties: { Name: { title: {} } } }),
    );
    for (const name of ["Keep", "Bin"]) {
      const row = await client.pages.create({
        parent: { database_id: db.id },
        properties: { Name: { title: text(name) } },
      });
      if (name === "Bin") await client.pages.update({ page_id: row.id, archived: true });
    }
    expect(await queryV4(client, db.id)).toEqual(["Keep"]);
    expect(await queryV4(client, db.id, { archived: true })).toEqual(["Bin"]);
    expect(await queryV4(client, db.id, { in_trash: true })).toEqual(["Bin"]);
    const trashed = databaseV4(await client.databases.update({ database_id: db.id, archived: true }));
    expect(trashed).toMatchObject({ archived: true, in_trash: true });
  });

  it("updates the schema through databases.update: add, rename, delete", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const rootId = await rootV4(client);
    const db = databaseV4(
      await client.databases.create({
        parent: { page_id: rootId },
        properties: { Name: { title: {} }, Old: { rich_text: {} }, Gone: { checkbox: {} } },
      }),
    );
    const oldId = db.properties["Old"]?.id;
    const updated = databaseV4(
      await client.databases.update({
        database_id: db.id,
        title: text("Renamed"),
        properties: { Old: { name: "New" }, Gone: null, Added: { date: {} } },
      }),
    );
    expect(Object.keys(updated.properties).sort()).toEqual(["Added", "Name", "New"]);
    expect(updated.properties["New"]).toMatchObject({ id: oldId, type: "rich_text" });
    expect(updated.title.map((t) => t.plain_text).join("")).toBe("Renamed");
  });

  it("relates databases by database_id and serves both ids in the relation config", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const rootId = await rootV4(client);
    const target = databaseV4(
      await client.databases.create({ parent: { page_id: rootId }, properties: { Name: { title: {} } } }),
    );
    const source = databaseV4(
      await client.databases.create({
        parent: { page_id: rootId },
        properties: {
          Name: { title: {} },
          Link: { relation: { database_id: target.id, single_property: {} } },
        },
      }),
    );
    const link = source.properties["Link"];
    expect(link).toMatchObject({
      type: "relation",
      relation: { database_id: target.id, type: "single_property", single_property: {} },
    });
    expect(link?.type === "relation" && "data_source_id" in link.relation).toBe(true);
  });
});

describe("one database, two API versions", () => {
  it("a database made with 2025-09-03 is read and queried with 2022-06-28", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Score: { number: {} } });
    const low = await addRow(table, "Low", { Score: { number: 1 } });
    await addRow(table, "High", { Score: { number: 9 } });
    const client = ws.clientV4();
    const db = databaseV4(await client.databases.retrieve({ database_id: table.databaseId }));
    expect(Object.keys(db.properties).sort()).toEqual(["Name", "Score"]);
    expect(db.properties["Score"]?.id).toBe(table.dataSource.properties["Score"]?.id);
    expect(
      await queryV4(client, table.databaseId, { sorts: [{ property: "Score", direction: "descending" }] }),
    ).toEqual(["High", "Low"]);
    const row = pageV4(await client.pages.retrieve({ page_id: low.id }));
    expect(row.parent).toEqual({ type: "database_id", database_id: table.databaseId });
  });

  it("a database made with 2022-06-28 is queried through its data source with 2025-09-03", async () => {
    const ws = await server.workspace();
    const v4 = ws.clientV4();
    const rootId = await rootV4(v4);
    const db = databaseV4(
      await v4.databases.create({
        parent: { page_id: rootId },
        title: text("Legacy"),
        properties: { Name: { title: {} }, Done: { checkbox: {} } },
      }),
    );
    const made = pageV4(
      await v4.pages.create({
        parent: { database_id: db.id },
        properties: { Name: { title: text("Old row") }, Done: { checkbox: true } },
      }),
    );
    const client = ws.client();
    const database = await client.databases.retrieve({ database_id: db.id });
    if (!("data_sources" in database)) throw new Error("expected a full database");
    expect(database.data_sources).toHaveLength(1);
    const dataSourceId = database.data_sources[0]?.id ?? "";
    expect(database.data_sources[0]?.name).toBe("Legacy");
    const table = { client, dataSourceId };
    expect(await queryNames(table, { filter: { property: "Done", checkbox: { equals: true } } })).toEqual([
      "Old row",
    ]);
    const page = await retrievePage(client, made.id);
    expect(page.parent).toEqual({ type: "data_source_id", data_source_id: dataSourceId, database_id: db.id });
    // 2025-09-03 still accepts a database_id parent while the database has one data source.
    const another = await client.pages.create({
      parent: { type: "database_id", database_id: db.id },
      properties: { Name: { title: text("New row") } },
    });
    expect(rowName(await retrievePage(client, another.id))).toBe("New row");
    expect(simple(await retrievePage(client, another.id), "Done")).toBe(false);
  });
});

describe("a database with two data sources under 2022-06-28", () => {
  async function twoSources() {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "Split" });
    const second = fullDataSource(
      await table.client.dataSources.create({
        parent: { type: "database_id", database_id: table.databaseId },
        properties: { Name: { title: {} } },
      }),
    );
    return { ws, table, second };
  }

  it("fails databases.retrieve with multiple_data_sources_for_database", async () => {
    const { ws, table, second } = await twoSources();
    let caught: unknown;
    try {
      await ws.clientV4().databases.retrieve({ database_id: table.databaseId });
    } catch (error) {
      caught = error;
    }
    if (!APIResponseErrorV4.isAPIResponseError(caught))
      throw new Error(`expected an API error, got ${String(caught)}`);
    expect({ status: caught.status, code: caught.code }).toEqual({ status: 400, code: "validation_error" });
    const body = JSON.parse(caught.body) as { additional_data?: Record<string, unknown> };
    expect(body.additional_data).toEqual({
      error_type: "multiple_data_sources_for_database",
      database_id: table.databaseId,
      child_data_source_ids: [table.dataSourceId, second.id],
      minimum_api_version: "2025-09-03",
    });
  });

  it("fails databases.query and pages.create with a database parent, but not 2025-09-03 reads", async () => {
    const { ws, table } = await twoSources();
    const v4 = ws.clientV4();
    const query = await ws.fetch(`/v1/databases/${table.databaseId}/query`, {
      method: "POST",
      version: "2022-06-28",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(query.status).toBe(400);
    expect(await query.json()).toMatchObject({
      code: "validation_error",
      additional_data: { error_type: "multiple_data_sources_for_database" },
    });
    await expect(
      v4.pages.create({
        parent: { database_id: table.databaseId },
        properties: { Name: { title: text("x") } },
      }),
    ).rejects.toMatchObject({ status: 400, code: "validation_error" });
    await expectApiError(
      table.client.pages.create({
        parent: { type: "database_id", database_id: table.databaseId },
        properties: { Name: { title: text("x") } },
      }),
      { status: 400, code: "validation_error" },
    );
    const database = await table.client.databases.retrieve({ database_id: table.databaseId });
    expect("data_sources" in database && database.data_sources.length).toBe(2);
  });
});

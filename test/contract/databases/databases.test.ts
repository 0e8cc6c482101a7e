import { collectDataSourceTemplates } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { MISSING_ID, children, expectApiError, fullBlock, plain, text, workspacePage } from "../helpers.ts";
import { fullDatabase, fullDataSource, newTable } from "./fixtures.ts";

/** The 2025-09-03 database container: databases.create/retrieve/update and dataSources.listTemplates. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("databases.create / retrieve", () => {
  it("creates a database with its initial data source, title, description, icon and cover", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client);
    const database = fullDatabase(
      await client.databases.create({
        parent: { type: "page_id", page_id: root.id },
        title: text("Roadmap"),
        description: text("What ships when"),
        icon: { type: "emoji", emoji: "🗺️" },
        cover: { type: "external", external: { url: "https://example.com/cover.png" } },
        initial_data_source: { properties: { Feature: { title: {} }, Quarter: { select: {} } } },
      }),
    );
    expect(database).toMatchObject({
      object: "database",
      parent: { type: "page_id", page_id: root.id },
      is_inline: false,
      in_trash: false,
      archived: false,
      is_locked: false,
      icon: { type: "emoji", emoji: "🗺️" },
      cover: { type: "external", external: { url: "https://example.com/cover.png" } },
      public_url: null,
    });
    expect(plain(database.title)).toBe("Roadmap");
    expect(plain(database.description)).toBe("What ships when");
    expect(database.data_sources).toEqual([{ id: expect.any(String), name: "Roadmap" }]);
    expect(database).not.toHaveProperty("properties");

    const retrieved = fullDatabase(await client.databases.retrieve({ database_id: database.id }));
    expect(retrieved).toMatchObject({ id: database.id, data_sources: database.data_sources });
    const source = fullDataSource(
      await client.dataSources.retrieve({ data_source_id: database.data_sources[0]?.id ?? "" }),
    );
    expect(Object.keys(source.properties).sort()).toEqual(["Feature", "Quarter"]);
  });

  it("lists the database as a child_database block of its parent page", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "Embedded" });
    const blocks = await children(table.client, table.rootId);
    expect(blocks.map((b) => [b.type, b.id])).toEqual([["child_database", table.databaseId]]);
    const block = fullBlock(blocks[0]);
    expect(block.type === "child_database" && block.child_database.title).toBe("Embedded");
  });

  it("creates an inline database and a workspace-level database", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client);
    const inline = fullDatabase(
      await client.databases.create({
        parent: { type: "page_id", page_id: root.id },
        is_inline: true,
        initial_data_source: { properties: { Name: { title: {} } } },
      }),
    );
    expect(inline.is_inline).toBe(true);
    const top = fullDatabase(
      await client.databases.create({
        parent: { type: "workspace", workspace: true },
        title: text("Top"),
        initial_data_source: { properties: { Name: { title: {} } } },
      }),
    );
    expect(top.parent).toEqual({ type: "workspace", workspace: true });
  });

  it("requires a parent and validates it", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    await expectApiError(
      client.databases.create({
        parent: { type: "page_id", page_id: MISSING_ID },
        initial_data_source: { properties: { Name: { title: {} } } },
      }),
      { status: 404, code: "object_not_found" },
    );
    const response = await ws.fetch("/v1/databases", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: text("Orphan") }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("parent"),
    });
  });

  it("needs the insert capability", async () => {
    const ws = await server.workspace();
    const root = await workspacePage(ws.client());
    const token = await ws.integration("Reader", ["read"]);
    await ws.share("Reader", root.id);
    await expectApiError(
      ws.client(token).databases.create({
        parent: { type: "page_id", page_id: root.id },
        initial_data_source: { properties: { Name: { title: {} } } },
      }),
      { status: 403, code: "restricted_resource" },
    );
  });
});

describe("databases.update", () => {
  it("updates title, description, icon and is_inline, and the data source keeps its schema", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Size: { number: {} } }, { title: "Before" });
    const updated = fullDatabase(
      await table.client.databases.update({
        database_id: table.databaseId,
        title: text("After"),
        description: text("Now described"),
        icon: { type: "emoji", emoji: "📦" },
        is_inline: true,
        is_locked: true,
      }),
    );
    expect(updated.is_locked).toBe(true);
    expect(plain(updated.title)).toBe("After");
    expect(plain(updated.description)).toBe("Now described");
    expect(updated.icon).toEqual({ type: "emoji", emoji: "📦" });
    expect(updated.is_inline).toBe(true);
    const source = fullDataSource(
      await table.client.dataSources.retrieve({ data_source_id: table.dataSourceId }),
    );
    expect(Object.keys(source.properties).sort()).toEqual(["Name", "Size"]);
  });

  it("moves a database to the trash and back", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const trashed = fullDatabase(
      await table.client.databases.update({ database_id: table.databaseId, in_trash: true }),
    );
    expect(trashed).toMatchObject({ in_trash: true, archived: true });
    expect(
      fullDatabase(await table.client.databases.retrieve({ database_id: table.databaseId })).in_trash,
    ).toBe(true);
    const restored = fullDatabase(
      await table.client.databases.update({ database_id: table.databaseId, in_trash: false }),
    );
    expect(restored.in_trash).toBe(false);
  });

  it("moves a database under another page", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const other = await workspacePage(table.client, "Other");
    const moved = fullDatabase(
      await table.client.databases.update({
        database_id: table.databaseId,
        parent: { type: "page_id", page_id: other.id },
      }),
    );
    expect(moved.parent).toEqual({ type: "page_id", page_id: other.id });
    const source = fullDataSource(
      await table.client.dataSources.retrieve({ data_source_id: table.dataSourceId }),
    );
    expect(source.database_parent).toEqual({ type: "page_id", page_id: other.id });
  });

  it("answers 404 for a missing database", async () => {
    const ws = await server.workspace();
    await expectApiError(ws.client().databases.update({ database_id: MISSING_ID, title: text("x") }), {
      status: 404,
      code: "object_not_found",
      message: new RegExp(`Could not find database with ID: ${MISSING_ID}`),
    });
  });
});

describe("dataSources.listTemplates", () => {
  it("lists no templates for a fresh data source, in Notion's non-list envelope", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const response = await table.client.dataSources.listTemplates({ data_source_id: table.dataSourceId });
    expect({ ...response, request_id: undefined }).toEqual({
      templates: [],
      has_more: false,
      next_cursor: null,
      request_id: undefined,
    });
    expect(await collectDataSourceTemplates(table.client, { data_source_id: table.dataSourceId })).toEqual(
      [],
    );
  });

  it("answers 404 for a missing data source", async () => {
    const ws = await server.workspace();
    await expectApiError(ws.client().dataSources.listTemplates({ data_source_id: MISSING_ID }), {
      status: 404,
      code: "object_not_found",
    });
  });
});

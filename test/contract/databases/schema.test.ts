import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { text } from "../helpers.ts";
import { fullDataSource, newTable } from "./fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const ID = expect.any(String);
const OPTION = (name: string, color: string, description: string | null = null) => ({
  id: ID,
  name,
  color,
  description,
});

describe("data source schema: every property type", () => {
  it("creates each type and reads back Notion's exact schema entries", async () => {
    const ws = await server.workspace();
    const projects = await newTable(
      ws,
      { Name: { title: {} }, Points: { number: {} } },
      { title: "Projects" },
    );
    const client = projects.client;
    const table = await newTable(
      ws,
      {
        Task: { title: {} },
        Notes: { rich_text: {}, description: "Free text" },
        Price: { number: { format: "euro" } },
        Plain: { number: {} },
        Kind: {
          select: {
            options: [
              { name: "Bug", color: "red" },
              { name: "Feature", color: "green", description: "New" },
            ],
          },
        },
        Tags: {
          multi_select: {
            options: [
              { name: "ui", color: "blue" },
              { name: "api", color: "purple" },
            ],
          },
        },
        State: { status: {} },
        Due: { date: {} },
        Owners: { people: {} },
        Attachments: { files: {} },
        Done: { checkbox: {} },
        Link: { url: {} },
        Mail: { email: {} },
        Phone: { phone_number: {} },
        Double: { formula: { expression: 'prop("Price") * 2' } },
        Project: {
          relation: { data_source_id: projects.dataSourceId, type: "single_property", single_property: {} },
        },
        Total: {
          rollup: { function: "sum", relation_property_name: "Project", rollup_property_name: "Points" },
        },
        Created: { created_time: {} },
        Creator: { created_by: {} },
        Edited: { last_edited_time: {} },
        Editor: { last_edited_by: {} },
        Ticket: { unique_id: { prefix: "TCK" } },
        Serial: { unique_id: {} },
        Verified: { verification: {} },
        Where: { place: {} },
      },
      { rootId: projects.rootId, client },
    );
    const p = table.dataSource.properties;
    const entry = (name: string) => p[name];

    expect(entry("Task")).toEqual({ id: "title", name: "Task", description: null, type: "title", title: {} });
    expect(entry("Notes")).toEqual({
      id: ID,
      name: "Notes",
      description: "Free text",
      type: "rich_text",
      rich_text: {},
    });
    expect(entry("Price")).toEqual({
      id: ID,
      name: "Price",
      description: null,
      type: "number",
      number: { format: "euro" },
    });
    expect(entry("Plain")).toMatchObject({ type: "number", number: { format: "number" } });
    expect(entry("Kind")).toEqual({
      id: ID,
      name: "Kind",
      description: null,
      type: "select",
      select: { options: [OPTION("Bug", "red"), OPTION("Feature", "green", "New")] },
    });
    expect(entry("Tags")).toMatchObject({
      type: "multi_select",
      multi_select: { options: [OPTION("ui", "blue"), OPTION("api", "purple")] },
    });
    for (const [name, type] of [
      ["Due", "date"],
      ["Owners", "people"],
      ["Attachments", "files"],
      ["Done", "checkbox"],
      ["Link", "url"],
      ["Mail", "email"],
      ["Phone", "phone_number"],
      ["Created", "created_time"],
      ["Creator", "created_by"],
      ["Edited", "last_edited_time"],
      ["Editor", "last_edited_by"],
      ["Verified", "verification"],
      ["Where", "place"],
    ] as const) {
      expect(entry(name), name).toEqual({ id: ID, name, description: null, type, [type]: {} });
    }
    expect(entry("Double")).toEqual({
      id: ID,
      name: "Double",
      description: null,
      type: "formula",
      formula: { expression: expect.stringContaining("Price") },
    });
    expect(entry("Project")).toEqual({
      id: ID,
      name: "Project",
      description: null,
      type: "relation",
      relation: {
        database_id: projects.databaseId,
        data_source_id: projects.dataSourceId,
        type: "single_property",
        single_property: {},
      },
    });
    expect(entry("Total")).toEqual({
      id: ID,
      name: "Total",
      description: null,
      type: "rollup",
      rollup: {
        function: "sum",
        relation_property_name: "Project",
        relation_property_id: entry("Project")?.id,
        rollup_property_name: "Points",
        rollup_property_id: projects.dataSource.properties["Points"]?.id,
      },
    });
    expect(entry("Ticket")).toMatchObject({ type: "unique_id", unique_id: { prefix: "TCK" } });
    expect(entry("Serial")).toMatchObject({ type: "unique_id", unique_id: { prefix: null } });

    // Property ids are distinct, and the same on every read.
    const ids = Object.values(p).map((property) => property.id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = fullDataSource(await client.dataSources.retrieve({ data_source_id: table.dataSourceId }));
    expect(again.properties).toEqual(p);
  });

  it("creates default status options in the To-do / In progress / Complete groups", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { State: { status: {} } });
    const state = table.dataSource.properties["State"];
    if (state?.type !== "status") throw new Error("State is not a status property");
    expect(state.status.options.map((o) => [o.name, o.color])).toEqual([
      ["Not started", "default"],
      ["In progress", "blue"],
      ["Done", "green"],
    ]);
    const byId = new Map(state.status.options.map((o) => [o.id, o.name]));
    expect(state.status.groups.map((g) => [g.name, g.color, g.option_ids.map((id) => byId.get(id))])).toEqual(
      [
        ["To-do", "gray", ["Not started"]],
        ["In progress", "blue", ["In progress"]],
        ["Complete", "green", ["Done"]],
      ],
    );
  });

  it("serves the data source with its parent database and the database's parent", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "Inventory" });
    expect(table.dataSource).toMatchObject({
      object: "data_source",
      id: table.dataSourceId,
      parent: { type: "database_id", database_id: table.databaseId },
      database_parent: { type: "page_id", page_id: table.rootId },
      is_inline: false,
      in_trash: false,
      archived: false,
      created_by: { object: "user", id: ws.ownerId },
      last_edited_by: { object: "user", id: ws.ownerId },
      icon: null,
      cover: null,
      public_url: null,
    });
    expect(table.dataSource.title.map((t) => t.plain_text).join("")).toBe("Inventory");
    expect(table.dataSource.id).not.toBe(table.databaseId);
  });

  it("adds a second data source to a database with dataSources.create", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "Tracker" });
    const second = fullDataSource(
      await table.client.dataSources.create({
        parent: { type: "database_id", database_id: table.databaseId },
        title: text("Archive"),
        properties: { Label: { title: {} }, Score: { number: { format: "percent" } } },
      }),
    );
    expect(second.parent).toEqual({ type: "database_id", database_id: table.databaseId });
    expect(Object.keys(second.properties).sort()).toEqual(["Label", "Score"]);
    expect(second.properties["Label"]).toMatchObject({ id: "title", type: "title" });
    const database = await table.client.databases.retrieve({ database_id: table.databaseId });
    expect("data_sources" in database && database.data_sources).toEqual([
      { id: table.dataSourceId, name: "Tracker" },
      { id: second.id, name: "Archive" },
    ]);
  });
});

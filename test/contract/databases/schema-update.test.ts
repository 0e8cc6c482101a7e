import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, text } from "../helpers.ts";
import { addRow, fullDataSource, queryNames, retrievePage, simple, newTable } from "./fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("dataSources.update: properties", () => {
  it("adds a property, which every existing row then carries empty", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const row = await addRow(table, "First");
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: {
          Priority: { select: { options: [{ name: "High", color: "red" }] } },
          Size: { number: {} },
        },
      }),
    );
    expect(updated.properties["Priority"]).toMatchObject({
      name: "Priority",
      type: "select",
      select: { options: [{ name: "High", color: "red", description: null }] },
    });
    expect(Object.keys(updated.properties).sort()).toEqual(["Name", "Priority", "Size"]);
    const page = await retrievePage(table.client, row.id);
    expect(simple(page, "Priority")).toBeNull();
    expect(simple(page, "Size")).toBeNull();
  });

  it("renames a property by name and by id, keeping its id and its values", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Estimate: { number: {} }, Notes: { rich_text: {} } });
    const row = await addRow(table, "Row", {
      Estimate: { number: 8 },
      Notes: { rich_text: text("keep me") },
    });
    const estimateId = table.dataSource.properties["Estimate"]?.id ?? "";
    const notesId = table.dataSource.properties["Notes"]?.id ?? "";
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { Estimate: { name: "Points" }, [notesId]: { name: "Comments" } },
      }),
    );
    expect(Object.keys(updated.properties).sort()).toEqual(["Comments", "Name", "Points"]);
    expect(updated.properties["Points"]).toMatchObject({ id: estimateId, name: "Points", type: "number" });
    expect(updated.properties["Comments"]).toMatchObject({
      id: notesId,
      name: "Comments",
      type: "rich_text",
    });
    const page = await retrievePage(table.client, row.id);
    expect(simple(page, "Points")).toBe(8);
    expect(simple(page, "Comments")).toBe("keep me");
    expect(page.properties["Estimate"]).toBeUndefined();
    // Queries use the new name.
    expect(await queryNames(table, { filter: { property: "Points", number: { equals: 8 } } })).toEqual([
      "Row",
    ]);
  });

  it("renames the title property", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await addRow(table, "Alpha");
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { title: { name: "Headline" } },
      }),
    );
    expect(updated.properties["Headline"]).toEqual({
      id: "title",
      name: "Headline",
      description: null,
      type: "title",
      title: {},
    });
    expect(updated.properties["Name"]).toBeUndefined();
  });

  it("deletes a property with null, by name and by id", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { A: { checkbox: {} }, B: { url: {} }, C: { email: {} } });
    const row = await addRow(table, "Row", { A: { checkbox: true }, C: { email: "c@example.com" } });
    const bId = table.dataSource.properties["B"]?.id ?? "";
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { A: null, [bId]: null },
      }),
    );
    expect(Object.keys(updated.properties).sort()).toEqual(["C", "Name"]);
    const page = await retrievePage(table.client, row.id);
    expect(Object.keys(page.properties).sort()).toEqual(["C", "Name"]);
    expect(simple(page, "C")).toBe("c@example.com");
  });

  it("refuses to delete the title property", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await expectApiError(
      table.client.dataSources.update({ data_source_id: table.dataSourceId, properties: { Name: null } }),
      { status: 400, code: "validation_error" },
    );
  });

  it("changes a property's type, keeping its id and converting values", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {
      Score: { number: {} },
      Kind: { select: { options: [{ name: "x", color: "red" }] } },
    });
    const row = await addRow(table, "Row", { Score: { number: 5 }, Kind: { select: { name: "x" } } });
    const scoreId = table.dataSource.properties["Score"]?.id;
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { Score: { rich_text: {} }, Kind: { multi_select: {} } },
      }),
    );
    expect(updated.properties["Score"]).toEqual({
      id: scoreId,
      name: "Score",
      description: null,
      type: "rich_text",
      rich_text: {},
    });
    expect(updated.properties["Kind"]).toMatchObject({
      type: "multi_select",
      multi_select: { options: [{ name: "x", color: "red" }] },
    });
    const page = await retrievePage(table.client, row.id);
    expect(simple(page, "Score")).toBe("5");
    expect(simple(page, "Kind")).toEqual(["x"]);
  });

  it("changes a number format and a property description", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Price: { number: { format: "dollar" } } });
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { Price: { number: { format: "yen" }, description: "In yen" } },
      }),
    );
    expect(updated.properties["Price"]).toMatchObject({ description: "In yen", number: { format: "yen" } });
  });

  it("adds select options by name and renames one by id, keeping the rows' choice", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {
      Kind: {
        select: {
          options: [
            { name: "Bug", color: "red" },
            { name: "Chore", color: "gray" },
          ],
        },
      },
    });
    const kind = table.dataSource.properties["Kind"];
    if (kind?.type !== "select") throw new Error("Kind is not a select");
    const [bug, chore] = kind.select.options;
    const row = await addRow(table, "Row", { Kind: { select: { name: "Bug" } } });
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: {
          Kind: {
            select: {
              options: [
                { id: bug?.id ?? "", name: "Defect" },
                { id: chore?.id ?? "", name: "Chore" },
                { name: "Feature", color: "green" },
              ],
            },
          },
        },
      }),
    );
    const options = updated.properties["Kind"];
    if (options?.type !== "select") throw new Error("Kind is not a select");
    expect(options.select.options.map((o) => [o.id === bug?.id, o.name, o.color])).toEqual([
      [true, "Defect", "red"],
      [false, "Chore", "gray"],
      [false, "Feature", "green"],
    ]);
    const page = await retrievePage(table.client, row.id);
    expect(simple(page, "Kind")).toBe("Defect");
  });

  it("puts a new status option into the To-do group", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { State: { status: {} } });
    const state = table.dataSource.properties["State"];
    if (state?.type !== "status") throw new Error("State is not a status");
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: {
          State: {
            status: {
              options: [
                ...state.status.options.map((o) => ({ id: o.id })),
                { name: "Blocked", color: "red" },
              ],
            },
          },
        },
      }),
    );
    const after = updated.properties["State"];
    if (after?.type !== "status") throw new Error("State is not a status");
    const blocked = after.status.options.find((o) => o.name === "Blocked");
    expect(blocked).toMatchObject({ name: "Blocked", color: "red" });
    const todo = after.status.groups.find((g) => g.name === "To-do");
    expect(todo?.option_ids).toContain(blocked?.id);
    expect(after.status.options.map((o) => o.name)).toEqual([
      "Not started",
      "In progress",
      "Done",
      "Blocked",
    ]);
  });

  it("updates the title and trashes a data source", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "Old" });
    const renamed = fullDataSource(
      await table.client.dataSources.update({ data_source_id: table.dataSourceId, title: text("New") }),
    );
    expect(renamed.title.map((t) => t.plain_text).join("")).toBe("New");
    const database = await table.client.databases.retrieve({ database_id: table.databaseId });
    expect("data_sources" in database && database.data_sources).toEqual([
      { id: table.dataSourceId, name: "New" },
    ]);
    const trashed = fullDataSource(
      await table.client.dataSources.update({ data_source_id: table.dataSourceId, in_trash: true }),
    );
    expect(trashed).toMatchObject({ in_trash: true, archived: true });
    const restored = fullDataSource(
      await table.client.dataSources.update({ data_source_id: table.dataSourceId, in_trash: false }),
    );
    expect(restored).toMatchObject({ in_trash: false, archived: false });
  });

  it("moves a data source to another database", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "From" });
    await table.client.dataSources.create({
      parent: { type: "database_id", database_id: table.databaseId },
      properties: { Name: { title: {} } },
    });
    const other = await newTable(ws, {}, { title: "To", rootId: table.rootId, client: table.client });
    const moved = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        parent: { type: "database_id", database_id: other.databaseId },
      }),
    );
    expect(moved.parent).toEqual({ type: "database_id", database_id: other.databaseId });
    const target = await table.client.databases.retrieve({ database_id: other.databaseId });
    expect("data_sources" in target && target.data_sources.map((d) => d.id)).toEqual([
      other.dataSourceId,
      table.dataSourceId,
    ]);
    const source = await table.client.databases.retrieve({ database_id: table.databaseId });
    expect("data_sources" in source && source.data_sources.map((d) => d.id)).not.toContain(
      table.dataSourceId,
    );
  });

  it("rejects renaming a property onto an existing name", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { A: { number: {} }, B: { number: {} } });
    await expectApiError(
      table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { A: { name: "B" } },
      }),
      { status: 400, code: "validation_error" },
    );
  });

  it("rejects a rename of a property that does not exist", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await expectApiError(
      table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { Ghost: { name: "Spirit" } },
      }),
      { status: 400, code: "validation_error" },
    );
  });
});

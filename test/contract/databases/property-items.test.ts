import { type PropertyItemListResponse, collectPaginatedAPI } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { served, text } from "../helpers.ts";
import { addRow, newTable, propertyId, retrievePage, simple } from "./fixtures.ts";

/** `GET /v1/pages/{id}/properties/{property_id}` for rows (pages.properties.retrieve). */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("pages.properties.retrieve: single values", () => {
  it("serves simple types as one property_item", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {
      Score: { number: {} },
      Kind: { select: { options: [{ name: "Bug", color: "red" }] } },
      Done: { checkbox: {} },
      Due: { date: {} },
      Link: { url: {} },
      Tags: { multi_select: {} },
      Ticket: { unique_id: { prefix: "T" } },
      Double: { formula: { expression: 'prop("Score") * 2' } },
      Creator: { created_by: {} },
      Created: { created_time: {} },
    });
    const row = await addRow(table, "Row", {
      Score: { number: 21 },
      Kind: { select: { name: "Bug" } },
      Done: { checkbox: true },
      Due: { date: { start: "2024-02-29" } },
      Link: { url: "https://example.com" },
      Tags: { multi_select: [{ name: "x" }] },
    });
    const item = async (name: string) => {
      const response = await table.client.pages.properties.retrieve({
        page_id: row.id,
        property_id: propertyId(table, name),
      });
      return { ...response, request_id: undefined };
    };
    const id = (name: string) => propertyId(table, name);
    const single = (name: string, type: string, value: unknown) => ({
      object: "property_item",
      id: id(name),
      type,
      [type]: value,
      request_id: undefined,
    });
    expect(await item("Score")).toEqual(single("Score", "number", 21));
    expect(await item("Kind")).toEqual(
      single("Kind", "select", { id: expect.any(String), name: "Bug", color: "red" }),
    );
    expect(await item("Done")).toEqual(single("Done", "checkbox", true));
    expect(await item("Due")).toEqual(
      single("Due", "date", { start: "2024-02-29", end: null, time_zone: null }),
    );
    expect(await item("Link")).toEqual(single("Link", "url", "https://example.com"));
    expect(await item("Tags")).toMatchObject({ type: "multi_select", multi_select: [{ name: "x" }] });
    expect(await item("Ticket")).toEqual(single("Ticket", "unique_id", { prefix: "T", number: 1 }));
    expect(await item("Double")).toEqual(single("Double", "formula", { type: "number", number: 42 }));
    expect(await item("Creator")).toMatchObject({
      type: "created_by",
      created_by: { object: "user", id: ws.ownerId },
    });
    expect(await item("Created")).toEqual(single("Created", "created_time", row.created_time));
  });
});

describe("pages.properties.retrieve: paginated values", () => {
  it("lists a title one rich-text element per property_item", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const row = await addRow(table, "ignored", {
      Name: {
        title: [...text("Hello "), { type: "text", text: { content: "world" }, annotations: { bold: true } }],
      },
    });
    const response = await table.client.pages.properties.retrieve({ page_id: row.id, property_id: "title" });
    expect(response).toMatchObject({
      object: "list",
      type: "property_item",
      property_item: { id: "title", type: "title", title: {}, next_url: null },
      has_more: false,
      next_cursor: null,
    });
    if (response.object !== "list") throw new Error("expected a list");
    expect(response.results).toEqual([
      { object: "property_item", id: "title", type: "title", title: served("Hello ")[0] },
      {
        object: "property_item",
        id: "title",
        type: "title",
        title: { ...served("world")[0], annotations: { ...served("world")[0]?.annotations, bold: true } },
      },
    ]);
  });

  it("lists people and rich_text", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Owners: { people: {} }, Notes: { rich_text: {} } });
    const row = await addRow(table, "Row", {
      Owners: { people: [{ id: ws.ownerId }] },
      Notes: { rich_text: text("note") },
    });
    const people = await table.client.pages.properties.retrieve({
      page_id: row.id,
      property_id: propertyId(table, "Owners"),
    });
    expect(people).toMatchObject({
      object: "list",
      type: "property_item",
      property_item: { type: "people", people: {}, next_url: null },
      results: [{ object: "property_item", type: "people", people: { object: "user", id: ws.ownerId } }],
    });
    const notes = await table.client.pages.properties.retrieve({
      page_id: row.id,
      property_id: propertyId(table, "Notes"),
    });
    expect(notes).toMatchObject({
      object: "list",
      property_item: { type: "rich_text", rich_text: {} },
      results: [{ object: "property_item", type: "rich_text", rich_text: { plain_text: "note" } }],
    });
  });

  async function hubWith30Links() {
    const ws = await server.workspace();
    const target = await newTable(ws, {}, { title: "Targets" });
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push((await addRow(target, `T${i}`)).id);
    const table = await newTable(
      ws,
      { Links: { relation: { data_source_id: target.dataSourceId, single_property: {} } } },
      { rootId: target.rootId, client: target.client },
    );
    const row = await addRow(table, "Hub", { Links: { relation: ids.map((id) => ({ id })) } });
    return { table, row, ids };
  }

  it("lists the first 25 related pages in the page object, with has_more", async () => {
    const { table, row, ids } = await hubWith30Links();
    const page = await retrievePage(table.client, row.id);
    expect(simple(page, "Links")).toEqual(ids.slice(0, 25));
    expect(page.properties["Links"]).toMatchObject({ has_more: true });
  });

  it("pages through all 30 related pages with pages.properties.retrieve", async () => {
    const { table, row, ids } = await hubWith30Links();
    const propertyIdLinks = propertyId(table, "Links");
    const first = await table.client.pages.properties.retrieve({
      page_id: row.id,
      property_id: propertyIdLinks,
      page_size: 10,
    });
    expect(first).toMatchObject({
      object: "list",
      has_more: true,
      property_item: { type: "relation", relation: {} },
    });
    // Only list responses paginate; the SDK's helper types its list function accordingly.
    const listItems = (args: Parameters<typeof table.client.pages.properties.retrieve>[0]) =>
      table.client.pages.properties.retrieve(args) as Promise<PropertyItemListResponse>;
    const all = await collectPaginatedAPI(listItems, {
      page_id: row.id,
      property_id: propertyIdLinks,
      page_size: 10,
    });
    expect(all.map((item) => (item.type === "relation" ? item.relation.id : null))).toEqual(ids);
  });

  it("serves a rollup as a list whose property_item carries the computed value", async () => {
    const ws = await server.workspace();
    const target = await newTable(ws, { Points: { number: {} } });
    const a = await addRow(target, "A", { Points: { number: 3 } });
    const b = await addRow(target, "B", { Points: { number: 4 } });
    const table = await newTable(
      ws,
      {
        Links: { relation: { data_source_id: target.dataSourceId, single_property: {} } },
        Total: {
          rollup: { function: "sum", relation_property_name: "Links", rollup_property_name: "Points" },
        },
      },
      { rootId: target.rootId, client: target.client },
    );
    const row = await addRow(table, "Row", { Links: { relation: [{ id: a.id }, { id: b.id }] } });
    const response = await table.client.pages.properties.retrieve({
      page_id: row.id,
      property_id: propertyId(table, "Total"),
    });
    expect(response).toMatchObject({
      object: "list",
      type: "property_item",
      property_item: {
        id: propertyId(table, "Total"),
        type: "rollup",
        rollup: { type: "number", number: 7, function: "sum" },
      },
      next_cursor: null,
    });
  });
});

describe("pages.retrieve with filter_properties", () => {
  it("limits the properties of a row to the requested ids", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Score: { number: {} }, Done: { checkbox: {} } });
    const row = await addRow(table, "Row", { Score: { number: 1 } });
    const page = await table.client.pages.retrieve({
      page_id: row.id,
      filter_properties: [propertyId(table, "Score"), "title"],
    });
    expect("properties" in page && Object.keys(page.properties).sort()).toEqual(["Name", "Score"]);
  });

  it("limits the properties returned by pages.create and pages.update", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Score: { number: {} }, Done: { checkbox: {} } });
    const created = await table.client.pages.create({
      parent: { type: "data_source_id", data_source_id: table.dataSourceId },
      properties: { Name: { title: text("Row") }, Score: { number: 1 } },
      filter_properties: [propertyId(table, "Score")],
    });
    expect("properties" in created && Object.keys(created.properties)).toEqual(["Score"]);
    const updated = await table.client.pages.update({
      page_id: created.id,
      properties: { Done: { checkbox: true } },
      filter_properties: [propertyId(table, "Done")],
    });
    expect("properties" in updated && updated.properties).toEqual({
      Done: { id: propertyId(table, "Done"), type: "checkbox", checkbox: true },
    });
  });
});

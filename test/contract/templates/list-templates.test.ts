import { collectDataSourceTemplates } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markAsTemplate, setDefaultTemplate } from "../../../src/services/templates/data-source-templates.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { addRow, newTable } from "../databases/fixtures.ts";
import { expectApiError, fullPage, text, withoutRequestId } from "../helpers.ts";
import { addTemplate, ownerViewer, templateNames } from "./fixtures.ts";

/** dataSources.listTemplates, and templates staying out of queries while readable by id. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("dataSources.listTemplates", () => {
  it("lists templates in creation order with the default flagged, in Notion's envelope", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const bug = await addTemplate(server, ws, table.dataSourceId, "Bug report");
    const feature = await addTemplate(server, ws, table.dataSourceId, "Feature request", {}, true);
    const response = await table.client.dataSources.listTemplates({ data_source_id: table.dataSourceId });
    expect(withoutRequestId(response)).toEqual({
      templates: [
        { id: bug, name: "Bug report", is_default: false },
        { id: feature, name: "Feature request", is_default: true },
      ],
      has_more: false,
      next_cursor: null,
    });
  });

  it("filters by a case-insensitive substring of the name", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    for (const name of ["Bug report", "Urgent BUG", "Feature"])
      await addTemplate(server, ws, table.dataSourceId, name);
    expect(await templateNames(table.client, table.dataSourceId, "bug")).toEqual([
      "Bug report",
      "Urgent BUG",
    ]);
    expect(await templateNames(table.client, table.dataSourceId, "nothing")).toEqual([]);
  });

  it("pages with template ids as cursors, and the SDK helper collects every page", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await addTemplate(server, ws, table.dataSourceId, `T${i}`));
    const first = await table.client.dataSources.listTemplates({
      data_source_id: table.dataSourceId,
      page_size: 2,
    });
    expect(first.templates.map((t) => t.id)).toEqual(ids.slice(0, 2));
    expect(first).toMatchObject({ has_more: true, next_cursor: ids[2] });
    const second = await table.client.dataSources.listTemplates({
      data_source_id: table.dataSourceId,
      page_size: 2,
      start_cursor: first.next_cursor ?? "",
    });
    expect(second.templates.map((t) => t.id)).toEqual(ids.slice(2, 4));
    const all = await collectDataSourceTemplates(table.client, {
      data_source_id: table.dataSourceId,
      page_size: 2,
    });
    expect(all.map((t) => t.name)).toEqual(["T0", "T1", "T2", "T3", "T4"]);
  });

  it("rejects a cursor that is not a template of this source and a page_size over 100", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const row = await addRow(table, "row");
    await expectApiError(
      table.client.dataSources.listTemplates({ data_source_id: table.dataSourceId, start_cursor: row.id }),
      { status: 400, code: "validation_error", message: `start_cursor provided is invalid: ${row.id}` },
    );
    // A row of another source is no cursor here either.
    const other = await newTable(ws, {});
    const foreign = await addTemplate(server, ws, other.dataSourceId, "Elsewhere");
    await expectApiError(
      table.client.dataSources.listTemplates({ data_source_id: table.dataSourceId, start_cursor: foreign }),
      { status: 400, code: "validation_error" },
    );
    await expectApiError(
      table.client.dataSources.listTemplates({ data_source_id: table.dataSourceId, page_size: 101 }),
      { status: 400, code: "validation_error" },
    );
  });

  it("leaves trashed templates out and forgets a default that stops being a template", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const trashed = await addTemplate(server, ws, table.dataSourceId, "Old");
    const kept = await addTemplate(server, ws, table.dataSourceId, "Kept", {}, true);
    await table.client.pages.update({ page_id: trashed, in_trash: true });
    expect(await templateNames(table.client, table.dataSourceId)).toEqual(["Kept"]);
    await markAsTemplate(server.ctx, ownerViewer(ws), kept, false);
    expect(await templateNames(table.client, table.dataSourceId)).toEqual([]);
    // Now an ordinary row: queries return it.
    const rows = await table.client.dataSources.query({ data_source_id: table.dataSourceId });
    expect(rows.results.map((r) => r.id)).toEqual([kept]);
  });

  it("keeps templates out of queries, but reads and edits them by id like pages", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Points: { number: {} } });
    const row = await addRow(table, "A row");
    const template = await addTemplate(server, ws, table.dataSourceId, "Template", {
      properties: { Points: { number: 3 } },
    });
    const rows = await table.client.dataSources.query({ data_source_id: table.dataSourceId });
    expect(rows.results.map((r) => r.id)).toEqual([row.id]);
    const filtered = await table.client.dataSources.query({
      data_source_id: table.dataSourceId,
      filter: { property: "Points", number: { equals: 3 } },
    });
    expect(filtered.results).toEqual([]);
    const page = fullPage(await table.client.pages.retrieve({ page_id: template }));
    expect(page.parent).toEqual({
      type: "data_source_id",
      data_source_id: table.dataSourceId,
      database_id: table.databaseId,
    });
    await table.client.pages.update({ page_id: template, properties: { Points: { number: 4 } } });
    const edited = fullPage(await table.client.pages.retrieve({ page_id: template }));
    expect(edited.properties.Points).toMatchObject({ type: "number", number: 4 });
  });

  it("moves the default with setDefaultTemplate and refuses a page that is not a template", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const a = await addTemplate(server, ws, table.dataSourceId, "A", {}, true);
    const b = await addTemplate(server, ws, table.dataSourceId, "B");
    await setDefaultTemplate(server.ctx, ownerViewer(ws), table.dataSourceId, b);
    const listed = await table.client.dataSources.listTemplates({ data_source_id: table.dataSourceId });
    expect(listed.templates.map((t) => [t.id, t.is_default])).toEqual([
      [a, false],
      [b, true],
    ]);
    const row = await addRow(table, "row");
    await expect(setDefaultTemplate(server.ctx, ownerViewer(ws), table.dataSourceId, row.id)).rejects.toThrow(
      /is not a template/,
    );
  });

  it("answers 404 for a data source the integration can't see", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const bot = ws.client(await ws.integration("Bot"));
    await expectApiError(bot.dataSources.listTemplates({ data_source_id: table.dataSourceId }), {
      status: 404,
      code: "object_not_found",
    });
    await ws.share("Bot", table.rootId);
    expect((await bot.dataSources.listTemplates({ data_source_id: table.dataSourceId })).templates).toEqual(
      [],
    );
    expect(text("x")).toBeDefined();
  });
});

describe("moving a template", () => {
  it("turns it into an ordinary page that is nobody's default", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const other = await newTable(ws, {});
    const template = await addTemplate(server, ws, table.dataSourceId, "Moving", {}, true);
    await table.client.pages.move({
      page_id: template,
      parent: { type: "data_source_id", data_source_id: other.dataSourceId },
    });
    expect(await templateNames(table.client, table.dataSourceId)).toEqual([]);
    expect(await templateNames(table.client, other.dataSourceId)).toEqual([]);
    const rows = await table.client.dataSources.query({ data_source_id: other.dataSourceId });
    expect(rows.results.map((r) => r.id)).toEqual([template]);
    await expectApiError(
      table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "default" },
      }),
      { status: 400, code: "validation_error" },
    );
  });
});

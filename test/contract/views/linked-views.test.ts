import { type DataSourceViewObjectResponse, isFullView } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { appendParagraphs, children, childPage, expectApiError, workspacePage } from "../helpers.ts";
import { addRow, newTable } from "../databases/fixtures.ts";

/**
 * views.create with `create_database`: "Create a new linked database block on a page and add the view
 * to it. Mutually exclusive with database_id and view_id" (S5 `CreateViewRequest`).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function full(view: unknown): DataSourceViewObjectResponse {
  if (!isFullView(view as Parameters<typeof isFullView>[0])) throw new Error(`not a full view`);
  return view as DataSourceViewObjectResponse;
}

describe("a linked view on another page", () => {
  it("is a new child_database block of the page, after the block asked for, showing the original's rows", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Done: { checkbox: {} } }, { title: "Tasks" });
    await addRow(table, "Open", { Done: { checkbox: false } });
    await addRow(table, "Closed", { Done: { checkbox: true } });
    const page = await workspacePage(table.client, "Dashboard");
    const [first, second] = await appendParagraphs(table.client, page.id, ["first", "second"]);

    const view = full(
      await table.client.views.create({
        data_source_id: table.dataSourceId,
        name: "Open tasks",
        type: "table",
        filter: { property: "Done", checkbox: { equals: false } } as never,
        create_database: {
          parent: { type: "page_id", page_id: page.id },
          position: { type: "after_block", block_id: first ?? "" },
        },
      }),
    );
    const linkedId = view.parent.database_id;
    expect(linkedId).not.toBe(table.databaseId);
    expect(view).toMatchObject({ data_source_id: table.dataSourceId, name: "Open tasks", type: "table" });

    const blocks = await children(table.client, page.id);
    expect(blocks.map((b) => b.id)).toEqual([first, linkedId, second]);
    expect(blocks[1]).toMatchObject({ type: "child_database", child_database: { title: "Tasks" } });

    // The linked database lists its own views only; the original keeps its default view.
    const linked = await table.client.views.list({ database_id: linkedId });
    expect(linked.results.map((v) => v.id)).toEqual([view.id]);
    const original = await table.client.views.list({ database_id: table.databaseId });
    expect(original.results.map((v) => v.id)).not.toContain(view.id);

    // Notion's API "does not currently support linked data sources": the block's database lists none.
    const database = await table.client.databases.retrieve({ database_id: linkedId });
    expect(database).toMatchObject({ id: linkedId, data_sources: [], parent: { page_id: page.id } });

    const query = await table.client.views.queries.create({ view_id: view.id });
    expect(query.total_count).toBe(1);
    const row = await table.client.pages.retrieve({ page_id: query.results[0]?.id ?? "" });
    expect(row).toMatchObject({ parent: { data_source_id: table.dataSourceId } });
  });

  it("goes at the end of the page without a position, and takes a second tab", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "Notes" });
    const page = await workspacePage(table.client, "Elsewhere");
    const [only] = await appendParagraphs(table.client, page.id, ["text"]);
    const view = full(
      await table.client.views.create({
        data_source_id: table.dataSourceId,
        name: "Board",
        type: "list",
        create_database: { parent: { type: "page_id", page_id: page.id } },
      }),
    );
    expect((await children(table.client, page.id)).map((b) => b.id)).toEqual([only, view.parent.database_id]);
    const second = full(
      await table.client.views.create({
        data_source_id: table.dataSourceId,
        database_id: view.parent.database_id,
        name: "Second",
        type: "table",
      }),
    );
    const tabs = await table.client.views.list({ database_id: view.parent.database_id });
    expect(tabs.results.map((v) => v.id)).toEqual([view.id, second.id]);
  });

  it("refuses a page it cannot see, a block elsewhere, and other targets beside it", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "Tasks" });
    const page = await workspacePage(table.client, "Target");
    const other = await childPage(table.client, table.rootId, "Other");
    const [elsewhere] = await appendParagraphs(table.client, other.id, ["not on the target page"]);
    const base = { data_source_id: table.dataSourceId, name: "Linked", type: "table" as const };
    await expectApiError(
      table.client.views.create({
        ...base,
        database_id: table.databaseId,
        create_database: { parent: { type: "page_id", page_id: page.id } },
      }),
      { status: 400, code: "validation_error", message: /mutually exclusive/ },
    );
    await expectApiError(
      table.client.views.create({
        ...base,
        create_database: {
          parent: { type: "page_id", page_id: page.id },
          position: { type: "after_block", block_id: elsewhere ?? "" },
        },
      }),
      { status: 400, code: "validation_error", message: /is not a child of block/ },
    );
    await expectApiError(
      table.client.views.create({
        ...base,
        create_database: { parent: { type: "page_id" } } as never,
      }),
      { status: 400, code: "validation_error", message: /body\.create_database\.parent\.page_id/ },
    );
    // An integration given the database but not the target page.
    const bot = ws.client(await ws.integration("Linker"));
    await ws.share("Linker", table.rootId);
    await expectApiError(
      bot.views.create({ ...base, create_database: { parent: { type: "page_id", page_id: page.id } } }),
      { status: 404, code: "object_not_found" },
    );
    expect(await children(table.client, page.id)).toEqual([]);
  });
});

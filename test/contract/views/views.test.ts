import { type DataSourceViewObjectResponse, collectPaginatedAPI, isFullView } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { expectApiError, notFoundMessage } from "../helpers.ts";
import { type Table, newTable } from "../databases/fixtures.ts";

/** views.create / retrieve / update / delete / list through the SDK (reference/view; SDK ≥ 5.14). */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const SCHEMA = {
  Status: {
    status: {
      options: [
        { name: "Not started", color: "default" as const },
        { name: "In progress", color: "blue" as const },
        { name: "Done", color: "green" as const },
      ],
    },
  },
  Priority: { select: { options: [{ name: "High" }, { name: "Low" }] } },
  Due: { date: {} },
  Files: { files: {} },
};

function full(view: unknown): DataSourceViewObjectResponse {
  if (!isFullView(view as Parameters<typeof isFullView>[0]))
    throw new Error(`not a full view: ${JSON.stringify(view)}`);
  // The SDK adds the response's request id to every body; it is not part of the view.
  const { request_id: _requestId, ...rest } = view as DataSourceViewObjectResponse & { request_id?: string };
  return rest;
}

async function tasks(ws: TestWorkspace): Promise<Table> {
  return newTable(ws, SCHEMA, { title: "Tasks" });
}

describe("the default view", () => {
  it("every new database has one table view, listed by database and by data source", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const byDatabase = await table.client.views.list({ database_id: table.databaseId });
    expect(byDatabase).toMatchObject({ object: "list", type: "view", has_more: false, next_cursor: null });
    expect(byDatabase.results).toHaveLength(1);
    const bySource = await table.client.views.list({ data_source_id: table.dataSourceId });
    expect(bySource.results).toEqual(byDatabase.results);
    const view = full(await table.client.views.retrieve({ view_id: byDatabase.results[0]?.id ?? "" }));
    expect(view).toMatchObject({
      object: "view",
      parent: { type: "database_id", database_id: table.databaseId },
      data_source_id: table.dataSourceId,
      name: "Default view",
      type: "table",
      filter: null,
      sorts: null,
      created_by: { object: "user", id: ws.ownerId },
    });
    expect(view.url).toContain("?v=");
  });

  it("a data source added to a database brings its own view", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const second = await table.client.dataSources.create({
      parent: { type: "database_id", database_id: table.databaseId },
      properties: { Name: { title: {} } },
    });
    const all = await collectPaginatedAPI(table.client.views.list, { database_id: table.databaseId });
    expect(all).toHaveLength(2);
    const ofSecond = await table.client.views.list({ data_source_id: second.id });
    expect(ofSecond.results).toHaveLength(1);
    const both = await table.client.views.list({ database_id: table.databaseId, data_source_id: second.id });
    expect(both.results).toEqual(ofSecond.results);
    const other = await tasks(ws);
    await expectApiError(
      table.client.views.list({ database_id: other.databaseId, data_source_id: second.id }),
      {
        status: 400,
        code: "validation_error",
      },
    );
    await expectApiError(table.client.views.list({}), {
      status: 400,
      code: "validation_error",
      message: /query\.database_id should be defined/,
    });
  });
});

describe("a data source moved to another database", () => {
  it("takes its views along; each database keeps a view", async () => {
    const ws = await server.workspace();
    const first = await tasks(ws);
    const second = await tasks(ws);
    const extra = await first.client.dataSources.create({
      parent: { type: "database_id", database_id: first.databaseId },
      properties: { Name: { title: {} } },
    });
    const [extraView] = (await first.client.views.list({ data_source_id: extra.id })).results;
    await first.client.dataSources.update({
      data_source_id: extra.id,
      parent: { type: "database_id", database_id: second.databaseId },
    } as never);
    const ofSecond = (await first.client.views.list({ database_id: second.databaseId })).results.map(
      (v) => v.id,
    );
    expect(ofSecond).toHaveLength(2);
    expect(ofSecond.at(-1)).toBe(extraView?.id);
    expect(full(await first.client.views.retrieve({ view_id: extraView?.id ?? "" })).parent).toEqual({
      type: "database_id",
      database_id: second.databaseId,
    });
    expect((await first.client.views.list({ database_id: first.databaseId })).results).toHaveLength(1);
  });
});

describe("views.create", () => {
  it("creates a board grouped by status, with filter, sorts, quick filters and card settings", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const created = full(
      await table.client.views.create({
        data_source_id: table.dataSourceId,
        database_id: table.databaseId,
        name: "Board",
        type: "board",
        filter: { property: "Priority", select: { equals: "High" } } as never,
        sorts: [{ property: "Due", direction: "ascending" }] as never,
        quick_filters: { Status: { status: { does_not_equal: "Done" } } } as never,
        configuration: {
          type: "board",
          group_by: { type: "status", property_id: "Status", group_by: "option", sort: { type: "manual" } },
          properties: [{ property_id: "Due", visible: true }],
          card_layout: "compact",
        },
      }),
    );
    const statusId = table.dataSource.properties.Status?.id;
    expect(created).toMatchObject({
      name: "Board",
      type: "board",
      filter: { property: "Priority", select: { equals: "High" } },
      sorts: [{ property: "Due", direction: "ascending" }],
      quick_filters: { Status: { status: { does_not_equal: "Done" } } },
      configuration: {
        type: "board",
        group_by: { type: "status", property_id: statusId, property_name: "Status", group_by: "option" },
        properties: [
          { property_id: table.dataSource.properties.Due?.id, property_name: "Due", visible: true },
        ],
        card_layout: "compact",
      },
    });
    expect(full(await table.client.views.retrieve({ view_id: created.id }))).toEqual(created);
  });

  it("places tabs at the start, the end or after another view", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const [defaultView] = (await table.client.views.list({ database_id: table.databaseId })).results;
    const make = (name: string, position?: object) =>
      table.client.views.create({
        data_source_id: table.dataSourceId,
        name,
        type: "list",
        ...(position ? { position: position as never } : {}),
      });
    const last = await make("Last");
    const first = await make("First", { type: "start" });
    const middle = await make("Middle", { type: "after_view", view_id: defaultView?.id });
    const order = (await table.client.views.list({ database_id: table.databaseId })).results.map((v) => v.id);
    expect(order).toEqual([first.id, defaultView?.id, middle.id, last.id]);
  });

  it("pages through views with cursors", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    for (const name of ["A", "B", "C"])
      await table.client.views.create({ data_source_id: table.dataSourceId, name, type: "table" });
    const first = await table.client.views.list({ database_id: table.databaseId, page_size: 3 });
    expect(first.has_more).toBe(true);
    const rest = await table.client.views.list({
      database_id: table.databaseId,
      page_size: 3,
      start_cursor: first.next_cursor ?? undefined,
    });
    expect(rest).toMatchObject({ has_more: false, next_cursor: null });
    expect([...first.results, ...rest.results].map((v) => v.id)).toHaveLength(4);
  });

  it("refuses unknown properties, ungroupable properties and mismatched configuration", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const base = { data_source_id: table.dataSourceId, name: "Bad" } as const;
    await expectApiError(
      table.client.views.create({
        ...base,
        type: "table",
        filter: { property: "Nope", select: { equals: "x" } } as never,
      }),
      { status: 400, code: "validation_error", message: "Could not find property with name or id: Nope" },
    );
    await expectApiError(
      table.client.views.create({
        ...base,
        type: "board",
        configuration: {
          type: "board",
          group_by: { type: "select", property_id: "Files", sort: { type: "manual" } } as never,
        },
      }),
      { status: 400, code: "validation_error", message: /Cannot group by property "Files" of type files/ },
    );
    await expectApiError(
      table.client.views.create({
        ...base,
        type: "board",
        configuration: {
          type: "board",
          group_by: { type: "select", property_id: "Status", sort: { type: "manual" } },
        },
      }),
      { status: 400, code: "validation_error", message: /group_by\.type should be `"status"`/ },
    );
    await expectApiError(
      table.client.views.create({ ...base, type: "calendar", configuration: { type: "table" } as never }),
      { status: 400, code: "validation_error", message: /body\.configuration\.type should be `"calendar"`/ },
    );
    await expectApiError(table.client.views.create({ ...base, type: "nope" as never }), {
      status: 400,
      code: "validation_error",
      message: /body\.type should be/,
    });
    // Nothing was created by the refused requests.
    expect((await table.client.views.list({ database_id: table.databaseId })).results).toHaveLength(1);
  });

  it("adds no view to a database in the trash", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    await table.client.databases.update({ database_id: table.databaseId, in_trash: true });
    await expectApiError(
      table.client.views.create({ data_source_id: table.dataSourceId, name: "X", type: "table" }),
      {
        status: 400,
        code: "validation_error",
        message: /archived/,
      },
    );
  });

  it("answers 404 for a data source or database that is not shared", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const token = await ws.integration("Unshared");
    const bot = ws.client(token);
    await expectApiError(bot.views.create({ data_source_id: table.dataSourceId, name: "X", type: "table" }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("data source", table.dataSourceId, "Unshared"),
    });
    await expectApiError(bot.views.list({ database_id: table.databaseId }), {
      status: 404,
      code: "object_not_found",
    });
  });
});

describe("views.update and views.delete", () => {
  it("renames, replaces and clears settings; quick filters are removed one key at a time", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const view = await table.client.views.create({
      data_source_id: table.dataSourceId,
      name: "Mine",
      type: "table",
      quick_filters: {
        Status: { status: { equals: "Done" } },
        Priority: { select: { equals: "High" } },
      } as never,
      sorts: [{ property: "Name", direction: "descending" }] as never,
    });
    const updated = full(
      await table.client.views.update({
        view_id: view.id,
        name: "Renamed",
        filter: { property: "Due", date: { is_not_empty: true } } as never,
        sorts: null,
        quick_filters: { Status: null },
        configuration: { type: "table", wrap_cells: true },
      }),
    );
    expect(updated).toMatchObject({
      name: "Renamed",
      filter: { property: "Due", date: { is_not_empty: true } },
      sorts: null,
      quick_filters: { Priority: { select: { equals: "High" } } },
      configuration: { type: "table", wrap_cells: true },
    });
    expect(updated.quick_filters).not.toHaveProperty("Status");
    const cleared = full(
      await table.client.views.update({ view_id: view.id, filter: null, quick_filters: null }),
    );
    expect(cleared).toMatchObject({ name: "Renamed", filter: null, quick_filters: null });
  });

  it("a refused update changes nothing", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const view = full(
      await table.client.views.create({ data_source_id: table.dataSourceId, name: "Keep", type: "table" }),
    );
    await expectApiError(
      table.client.views.update({
        view_id: view.id,
        name: "Changed",
        sorts: [{ property: "Gone", direction: "ascending" }],
      }),
      { status: 400, code: "validation_error" },
    );
    expect(full(await table.client.views.retrieve({ view_id: view.id }))).toEqual(view);
  });

  it("deletes a view, answers its partial object, and keeps a database's last view", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const view = await table.client.views.create({
      data_source_id: table.dataSourceId,
      name: "Gone",
      type: "gallery",
    });
    const deleted = await table.client.views.delete({ view_id: view.id });
    const { request_id: _requestId, ...partial } = deleted as typeof deleted & { request_id?: string };
    expect(partial).toEqual({
      object: "view",
      id: view.id,
      parent: { type: "database_id", database_id: table.databaseId },
      type: "gallery",
    });
    await expectApiError(table.client.views.retrieve({ view_id: view.id }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("view", view.id),
    });
    const [last] = (await table.client.views.list({ database_id: table.databaseId })).results;
    await expectApiError(table.client.views.delete({ view_id: last?.id ?? "" }), {
      status: 400,
      code: "validation_error",
    });
  });
});

describe("property renames and deletions", () => {
  it("a renamed property is renamed in every view; a deleted one drops out", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const view = await table.client.views.create({
      data_source_id: table.dataSourceId,
      name: "Tracked",
      type: "board",
      filter: {
        and: [
          { property: "Priority", select: { equals: "High" } },
          { property: "Due", date: { is_not_empty: true } },
        ],
      } as never,
      sorts: [
        { property: "Due", direction: "ascending" },
        { property: "Priority", direction: "descending" },
      ] as never,
      configuration: {
        type: "board",
        group_by: { type: "status", property_id: "Status", group_by: "option", sort: { type: "manual" } },
        properties: [{ property_id: "Priority" }, { property_id: "Due" }],
      },
    });
    await table.client.dataSources.update({
      data_source_id: table.dataSourceId,
      properties: { Priority: { name: "Urgency" }, Due: null } as never,
    });
    const after = full(await table.client.views.retrieve({ view_id: view.id }));
    expect(after.filter).toEqual({ and: [{ property: "Urgency", select: { equals: "High" } }] });
    expect(after.sorts).toEqual([{ property: "Urgency", direction: "descending" }]);
    expect(after.configuration).toMatchObject({
      group_by: { property_name: "Status" },
      properties: [{ property_name: "Urgency" }],
    });
    expect((after.configuration as { properties: unknown[] }).properties).toHaveLength(1);
  });
});

describe("versions and capabilities", () => {
  it("2022-06-28 is refused with the minimum version", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const response = await ws.fetch(`/v1/views?database_id=${table.databaseId}`, { version: "2022-06-28" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; additional_data?: Record<string, string> };
    expect(body.code).toBe("validation_error");
    expect(body.additional_data?.minimum_api_version).toBe("2025-09-03");
  });

  it("an integration sees the views of what was shared with it; creating needs insert content", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const readOnly = ws.client(await ws.integration("Reader", ["read"]));
    await ws.share("Reader", table.rootId);
    const [only] = (await readOnly.views.list({ database_id: table.databaseId })).results;
    expect(full(await readOnly.views.retrieve({ view_id: only?.id ?? "" })).name).toBe("Default view");
    await expectApiError(
      readOnly.views.create({ data_source_id: table.dataSourceId, name: "X", type: "table" }),
      {
        status: 403,
        code: "restricted_resource",
      },
    );
    await expectApiError(readOnly.views.update({ view_id: only?.id ?? "", name: "X" }), {
      status: 403,
      code: "restricted_resource",
    });
    const stranger = ws.client(await ws.integration("Stranger"));
    await expectApiError(stranger.views.retrieve({ view_id: only?.id ?? "" }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("view", only?.id ?? "", "Stranger"),
    });
  });

  it("a view of another workspace is not found", async () => {
    const ws = await server.workspace();
    const other = await server.workspace();
    const table = await tasks(ws);
    const [view] = (await table.client.views.list({ database_id: table.databaseId })).results;
    await expectApiError(other.client().views.retrieve({ view_id: view?.id ?? "" }), {
      status: 404,
      code: "object_not_found",
    });
  });
});

describe("dashboards", () => {
  it("adds widgets in rows and takes a deleted widget off the dashboard", async () => {
    const ws = await server.workspace();
    const table = await tasks(ws);
    const dashboard = full(
      await table.client.views.create({
        data_source_id: table.dataSourceId,
        name: "Dash",
        type: "dashboard",
      }),
    );
    expect(dashboard).toMatchObject({ data_source_id: null, configuration: { type: "dashboard", rows: [] } });
    const chart = full(
      await table.client.views.create({
        data_source_id: table.dataSourceId,
        view_id: dashboard.id,
        name: "Chart",
        type: "chart",
        configuration: { type: "chart", chart_type: "donut" },
      }),
    );
    expect(chart.dashboard_view_id).toBe(dashboard.id);
    const list = await table.client.views.create({
      data_source_id: table.dataSourceId,
      view_id: dashboard.id,
      name: "List",
      type: "list",
      placement: { type: "existing_row", row_index: 0 },
    });
    const rows = () =>
      table.client.views
        .retrieve({ view_id: dashboard.id })
        .then((v) => (full(v).configuration as { rows: { widgets: { view_id: string }[] }[] }).rows);
    expect((await rows()).map((r) => r.widgets.map((w) => w.view_id))).toEqual([[chart.id, list.id]]);
    await table.client.views.delete({ view_id: chart.id });
    expect((await rows()).map((r) => r.widgets.map((w) => w.view_id))).toEqual([[list.id]]);
    await expectApiError(
      table.client.views.create({
        data_source_id: table.dataSourceId,
        view_id: dashboard.id,
        name: "Far",
        type: "list",
        placement: { type: "existing_row", row_index: 5 },
      }),
      { status: 400, code: "validation_error" },
    );
  });
});

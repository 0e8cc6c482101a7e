import { collectPaginatedAPI } from "@notionhq/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { expectApiError, notFoundMessage } from "../helpers.ts";
import { type Filter, type Sorts, type Table, addRow, newTable } from "../databases/fixtures.ts";

/** views.queries.create / results / delete (reference/create-view-query, get-view-query-results). */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  server.ctx.clock = () => new Date();
});
afterAll(async () => {
  await server.close();
});

const PRIORITIES = ["High", "Medium", "Low"] as const;

/** 40 rows: Score = i % 9, Priority cycling High/Medium/Low, every fourth Done. */
async function scored(ws: TestWorkspace): Promise<Table> {
  const table = await newTable(ws, {
    Score: { number: {} },
    Priority: { select: { options: PRIORITIES.map((name) => ({ name })) } },
    Done: { checkbox: {} },
  });
  for (let i = 1; i <= 40; i += 1) {
    await addRow(table, `Row ${String(i).padStart(2, "0")}`, {
      Score: { number: i % 9 },
      Priority: { select: { name: PRIORITIES[i % 3] ?? "Low" } },
      Done: { checkbox: i % 4 === 0 },
    });
  }
  return table;
}

const FILTER = {
  or: [
    {
      and: [
        { property: "Score", number: { greater_than: 4 } },
        { property: "Done", checkbox: { equals: false } },
      ],
    },
    { property: "Priority", select: { equals: "High" } },
  ],
} as Filter;
const SORTS = [
  { property: "Priority", direction: "descending" },
  { property: "Score", direction: "ascending" },
] as Sorts;

async function allIds(
  table: Table,
  viewId: string,
  pageSize: number,
): Promise<{ queryId: string; ids: string[] }> {
  const first = await table.client.views.queries.create({ view_id: viewId, page_size: pageSize });
  const ids = first.results.map((r) => r.id);
  let cursor = first.next_cursor;
  while (cursor) {
    const next = await table.client.views.queries.results({
      view_id: viewId,
      query_id: first.id,
      start_cursor: cursor,
      page_size: pageSize,
    });
    ids.push(...next.results.map((r) => r.id));
    cursor = next.next_cursor;
  }
  return { queryId: first.id, ids };
}

describe("a view query", () => {
  it("returns the rows dataSources.query returns for the same filter and sorts, in the same order", async () => {
    const ws = await server.workspace();
    const table = await scored(ws);
    const view = await table.client.views.create({
      data_source_id: table.dataSourceId,
      name: "Compound",
      type: "table",
      filter: FILTER as never,
      sorts: SORTS as never,
    });
    const expected = (
      await collectPaginatedAPI(table.client.dataSources.query, {
        data_source_id: table.dataSourceId,
        filter: FILTER,
        sorts: SORTS,
      })
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(40);
    const first = await table.client.views.queries.create({ view_id: view.id, page_size: 7 });
    expect(first).toMatchObject({
      object: "view_query",
      view_id: view.id,
      total_count: expected.length,
      has_more: true,
    });
    expect(first.results).toHaveLength(7);
    expect(first.results[0]).toEqual({ object: "page", id: expected[0] });
    expect(Date.parse(first.expires_at)).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
    expect((await allIds(table, view.id, 7)).ids).toEqual(expected);
  });

  it("quick filters narrow the view's filter", async () => {
    const ws = await server.workspace();
    const table = await scored(ws);
    const view = await table.client.views.create({
      data_source_id: table.dataSourceId,
      name: "Quick",
      type: "table",
      filter: FILTER as never,
      quick_filters: { Done: { checkbox: { equals: true } } } as never,
    });
    // The view's filter already nests two levels, so the equivalent query is an intersection.
    const matching = async (filter: Filter) =>
      (
        await collectPaginatedAPI(table.client.dataSources.query, {
          data_source_id: table.dataSourceId,
          filter,
        })
      ).map((r) => r.id);
    const done = new Set(await matching({ property: "Done", checkbox: { equals: true } }));
    const expected = (await matching(FILTER)).filter((id) => done.has(id));
    expect(expected.length).toBeGreaterThan(0);
    const { ids } = await allIds(table, view.id, 100);
    expect(ids.sort()).toEqual(expected.sort());
  });

  it("keeps its pages while rows are written, trashed and edited", async () => {
    const ws = await server.workspace();
    const table = await scored(ws);
    const view = await table.client.views.create({
      data_source_id: table.dataSourceId,
      name: "Stable",
      type: "table",
      sorts: [{ property: "Score", direction: "ascending" }] as never,
    });
    const before = await allIds(table, view.id, 100);
    const first = await table.client.views.queries.create({ view_id: view.id, page_size: 10 });
    // Writes between pages: a row that sorts first, a trashed row, an edited sort value.
    await addRow(table, "Newcomer", { Score: { number: -1 } });
    await table.client.pages.update({ page_id: before.ids[15] ?? "", in_trash: true });
    await table.client.pages.update({ page_id: before.ids[30] ?? "", properties: { Score: { number: -5 } } });
    const ids = first.results.map((r) => r.id);
    let cursor = first.next_cursor;
    while (cursor) {
      const page = await table.client.views.queries.results({
        view_id: view.id,
        query_id: first.id,
        start_cursor: cursor,
        page_size: 10,
      });
      ids.push(...page.results.map((r) => r.id));
      cursor = page.next_cursor;
    }
    expect(ids).toEqual(before.ids);
    // A new query sees the writes.
    const after = await allIds(table, view.id, 100);
    expect(after.ids).toHaveLength(40);
    expect(after.ids).not.toContain(before.ids[15]);
  });

  it("keeps one consistent result when it is made while rows are being written", async () => {
    const ws = await server.workspace();
    const table = await scored(ws);
    const view = await table.client.views.create({
      data_source_id: table.dataSourceId,
      name: "Racing",
      type: "table",
      sorts: [{ property: "Score", direction: "ascending" }] as never,
    });
    // The query is made while twenty rows are added, in no order with it.
    const writes = Array.from({ length: 20 }, (_, i) =>
      addRow(table, `Racer ${i}`, { Score: { number: i % 9 } }),
    );
    const [first] = await Promise.all([
      table.client.views.queries.create({ view_id: view.id, page_size: 7 }),
      ...writes,
    ]);
    const pages = async () => {
      const ids = first.results.map((r) => r.id);
      let cursor = first.next_cursor;
      while (cursor) {
        const page = await table.client.views.queries.results({
          view_id: view.id,
          query_id: first.id,
          start_cursor: cursor,
          page_size: 7,
        });
        ids.push(...page.results.map((r) => r.id));
        cursor = page.next_cursor;
      }
      return ids;
    };
    const ids = await pages();
    expect(ids).toHaveLength(first.total_count);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.total_count).toBeGreaterThanOrEqual(40);
    expect(first.total_count).toBeLessThanOrEqual(60);
    // The rows it kept are in the view's order, and paging again reads the same result.
    const scores = new Map<string, number>();
    for (const row of await collectPaginatedAPI(table.client.dataSources.query, {
      data_source_id: table.dataSourceId,
    })) {
      const score = (row as unknown as { properties: { Score: { number: number } } }).properties.Score.number;
      scores.set(row.id, score);
    }
    const kept = ids.map((id) => scores.get(id) ?? Number.NaN);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    expect(await pages()).toEqual(ids);
  });

  it("expires 15 minutes after it was made; deleting is idempotent", async () => {
    const ws = await server.workspace();
    const table = await scored(ws);
    const [view] = (await table.client.views.list({ database_id: table.databaseId })).results;
    const viewId = view?.id ?? "";
    const made = Date.now();
    server.ctx.clock = () => new Date(made);
    const query = await table.client.views.queries.create({ view_id: viewId, page_size: 5 });
    expect(query.expires_at).toBe(new Date(made + 15 * 60 * 1000).toISOString());
    server.ctx.clock = () => new Date(made + 14 * 60 * 1000);
    const page = await table.client.views.queries.results({ view_id: viewId, query_id: query.id });
    expect(page).toMatchObject({ object: "list", type: "page", has_more: false, next_cursor: null });
    expect(page.results).toHaveLength(40);
    server.ctx.clock = () => new Date(made + 15 * 60 * 1000);
    await expectApiError(table.client.views.queries.results({ view_id: viewId, query_id: query.id }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("view query", query.id),
    });
    const again = await table.client.views.queries.create({ view_id: viewId });
    const deleted = await table.client.views.queries.delete({ view_id: viewId, query_id: again.id });
    expect(deleted).toMatchObject({ object: "view_query", id: again.id, deleted: true });
    await expectApiError(table.client.views.queries.results({ view_id: viewId, query_id: again.id }), {
      status: 404,
      code: "object_not_found",
    });
    expect(await table.client.views.queries.delete({ view_id: viewId, query_id: again.id })).toMatchObject({
      deleted: true,
    });
  });

  it("refuses bad cursors and page sizes, and queries of another token", async () => {
    const ws = await server.workspace();
    const table = await scored(ws);
    const [view] = (await table.client.views.list({ database_id: table.databaseId })).results;
    const viewId = view?.id ?? "";
    await expectApiError(table.client.views.queries.create({ view_id: viewId, page_size: 101 }), {
      status: 400,
      code: "validation_error",
    });
    const query = await table.client.views.queries.create({ view_id: viewId, page_size: 5 });
    await expectApiError(
      table.client.views.queries.results({ view_id: viewId, query_id: query.id, start_cursor: "nonsense" }),
      { status: 400, code: "validation_error", message: /start_cursor provided is invalid/ },
    );
    const bot = ws.client(await ws.integration("Other"));
    await ws.share("Other", table.rootId);
    await expectApiError(bot.views.queries.results({ view_id: viewId, query_id: query.id }), {
      status: 404,
      code: "object_not_found",
    });
  });

  it("a deleted property's conditions drop out of the query", async () => {
    const ws = await server.workspace();
    const table = await scored(ws);
    const view = await table.client.views.create({
      data_source_id: table.dataSourceId,
      name: "Done only",
      type: "table",
      filter: { property: "Done", checkbox: { equals: true } } as never,
    });
    expect((await table.client.views.queries.create({ view_id: view.id })).total_count).toBe(10);
    await table.client.dataSources.update({
      data_source_id: table.dataSourceId,
      properties: { Done: null } as never,
    });
    expect((await table.client.views.queries.create({ view_id: view.id })).total_count).toBe(40);
  });
});

import { collectAllDataSourceRows, collectPaginatedAPI, iterateAllDataSourceRows } from "@notionhq/client";
import { collectPaginatedAPI as collectV4 } from "notion-client-v4";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import type { TestWorkspace } from "../../support/quire.ts";
import { expectApiError, fullPage } from "../helpers.ts";
import { type Table, addRow, newTable, propertyId, queryNames, queryRows, rowName } from "./fixtures.ts";

/** Cursor pagination, page_size bounds, filter_properties, in_trash and the SDK's row iterators. */

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

const BASE = Date.parse("2024-01-01T00:00:00.000Z");
const label = (i: number) => `Row ${String(i).padStart(3, "0")}`;

/** `count` rows named "Row 001"…, created one second apart (the clock is pinned per row), Score = i % 7. */
async function bulk(ws: TestWorkspace, count: number): Promise<Table> {
  const table = await newTable(ws, { Score: { number: {} }, Notes: { rich_text: {} } });
  for (let i = 1; i <= count; i += 1) {
    const at = new Date(BASE + i * 1000);
    server.ctx.clock = () => new Date(at);
    await addRow(table, label(i), { Score: { number: i % 7 } });
  }
  server.ctx.clock = () => new Date();
  return table;
}

const expectedNames = (count: number) => Array.from({ length: count }, (_, i) => label(i + 1));

describe("cursor pagination over 250 rows", () => {
  it("collects every row exactly once, page by page", async () => {
    const ws = await server.workspace();
    const table = await bulk(ws, 250);
    const sorts = [{ property: "Name", direction: "ascending" as const }];
    const first = await table.client.dataSources.query({ data_source_id: table.dataSourceId, sorts });
    expect(first.results).toHaveLength(100);
    expect(first.has_more).toBe(true);
    expect(typeof first.next_cursor).toBe("string");
    const second = await table.client.dataSources.query({
      data_source_id: table.dataSourceId,
      sorts,
      start_cursor: first.next_cursor ?? undefined,
    });
    expect(second.results.map((r) => rowName(fullPage(r)))[0]).toBe(label(101));
    const third = await table.client.dataSources.query({
      data_source_id: table.dataSourceId,
      sorts,
      start_cursor: second.next_cursor ?? undefined,
    });
    expect(third.results).toHaveLength(50);
    expect(third).toMatchObject({ has_more: false, next_cursor: null });

    expect(await queryNames(table, { sorts })).toEqual(expectedNames(250));
    const small = await collectPaginatedAPI(table.client.dataSources.query, {
      data_source_id: table.dataSourceId,
      sorts,
      page_size: 7,
    });
    expect(small.map((r) => rowName(fullPage(r)))).toEqual(expectedNames(250));
    // Filtered: Score 0 is every 7th row.
    const sevens = await queryNames(table, {
      sorts,
      filter: { property: "Score", number: { equals: 0 } },
      page_size: 10,
    });
    expect(sevens).toEqual(expectedNames(250).filter((_, i) => (i + 1) % 7 === 0));

    // The SDK's iterateAllDataSourceRows (created_time ascending, de-duplicated).
    const all: string[] = [];
    for await (const row of iterateAllDataSourceRows(table.client, {
      data_source_id: table.dataSourceId,
      page_size: 50,
    })) {
      all.push(rowName(fullPage(row)));
    }
    expect(all).toEqual(expectedNames(250));
    const filtered = await collectAllDataSourceRows(table.client, {
      data_source_id: table.dataSourceId,
      filter: { property: "Score", number: { greater_than: 5 } },
    });
    expect(filtered.map((r) => rowName(fullPage(r)))).toEqual(
      expectedNames(250).filter((_, i) => (i + 1) % 7 === 6),
    );

    // The 2022-06-28 SDK pages through databases.query the same way.
    const v4 = await collectV4(ws.clientV4().databases.query, {
      database_id: table.databaseId,
      page_size: 100,
    });
    expect(new Set(v4.map((r) => r.id)).size).toBe(250);
  });

  it("breaks ties consistently, so pages never repeat or skip rows", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Score: { number: {} } });
    for (let i = 1; i <= 9; i += 1) await addRow(table, label(i), { Score: { number: 1 } });
    const names = await queryNames(table, {
      sorts: [{ property: "Score", direction: "ascending" }],
      page_size: 2,
    });
    expect([...names].sort()).toEqual(expectedNames(9));
  });

  it("keeps a cursor stable when a row is inserted before it", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    for (const name of ["B", "D", "F"]) await addRow(table, name);
    const sorts = [{ property: "Name", direction: "ascending" as const }];
    const first = await table.client.dataSources.query({
      data_source_id: table.dataSourceId,
      sorts,
      page_size: 2,
    });
    expect(first.results.map((r) => rowName(fullPage(r)))).toEqual(["B", "D"]);
    await addRow(table, "A");
    const next = await table.client.dataSources.query({
      data_source_id: table.dataSourceId,
      sorts,
      page_size: 2,
      start_cursor: first.next_cursor ?? undefined,
    });
    expect(next.results.map((r) => rowName(fullPage(r)))).toEqual(["F"]);
  });
});

describe("page_size and start_cursor", () => {
  it("accepts 1 to 100 and rejects values outside", async () => {
    const ws = await server.workspace();
    const table = await bulk(ws, 3);
    const one = await table.client.dataSources.query({ data_source_id: table.dataSourceId, page_size: 1 });
    expect(one.results).toHaveLength(1);
    expect(one.has_more).toBe(true);
    const hundred = await table.client.dataSources.query({
      data_source_id: table.dataSourceId,
      page_size: 100,
    });
    expect(hundred).toMatchObject({ has_more: false, next_cursor: null });
    for (const pageSize of [0, 101, -1]) {
      await expectApiError(
        table.client.dataSources.query({ data_source_id: table.dataSourceId, page_size: pageSize }),
        {
          status: 400,
          code: "validation_error",
        },
      );
    }
  });

  it("rejects a cursor it did not issue", async () => {
    const ws = await server.workspace();
    const table = await bulk(ws, 2);
    await expectApiError(
      table.client.dataSources.query({ data_source_id: table.dataSourceId, start_cursor: "not-a-cursor" }),
      { status: 400, code: "validation_error" },
    );
  });
});

describe("filter_properties", () => {
  it("limits each row's properties, by name or by id", async () => {
    const ws = await server.workspace();
    const table = await bulk(ws, 2);
    const keys = async (filterProperties: string[]) =>
      (await queryRows(table, { filter_properties: filterProperties })).map((row) =>
        Object.keys(row.properties).sort(),
      );
    expect(await keys(["Score"])).toEqual([["Score"], ["Score"]]);
    expect(await keys([propertyId(table, "Score"), "title"])).toEqual([
      ["Name", "Score"],
      ["Name", "Score"],
    ]);
    expect(await keys(["Notes", "Nonexistent"])).toEqual([["Notes"], ["Notes"]]);
  });

  it("reads repeated keys with and without []", async () => {
    const ws = await server.workspace();
    const table = await bulk(ws, 1);
    const scoreId = encodeURIComponent(propertyId(table, "Score"));
    for (const query of [
      `filter_properties=${scoreId}&filter_properties=title`,
      `filter_properties[]=${scoreId}&filter_properties[]=title`,
    ]) {
      const response = await ws.fetch(`/v1/data_sources/${table.dataSourceId}/query?${query}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { results: Array<{ properties: Record<string, unknown> }> };
      expect(Object.keys(body.results[0]?.properties ?? {}).sort()).toEqual(["Name", "Score"]);
    }
  });
});

describe("in_trash", () => {
  it("leaves trashed rows out, and in_trash: true lists them", async () => {
    const ws = await server.workspace();
    const table = await bulk(ws, 4);
    const rows = await queryRows(table, { sorts: [{ property: "Name", direction: "ascending" }] });
    await table.client.pages.update({ page_id: rows[1]?.id ?? "", in_trash: true });
    expect(await queryNames(table, { sorts: [{ property: "Name", direction: "ascending" }] })).toEqual([
      label(1),
      label(3),
      label(4),
    ]);
    expect(await queryNames(table, { in_trash: true })).toEqual([label(2)]);
    expect(await queryNames(table, { archived: true })).toEqual([label(2)]);
    expect(
      await queryNames(table, { in_trash: false, filter: { property: "Score", number: { equals: 2 } } }),
    ).toEqual([]);
    await table.client.pages.update({ page_id: rows[1]?.id ?? "", in_trash: false });
    expect(await queryNames(table, { in_trash: true })).toEqual([]);
    expect((await queryNames(table)).length).toBe(4);
  });
});

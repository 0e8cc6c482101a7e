import { type Client, type SearchResponse, collectPaginatedAPI } from "@notionhq/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { newTable, addRow } from "../databases/fixtures.ts";
import { childPage, expectApiError, text, workspacePage } from "../helpers.ts";
import { addTemplate } from "../templates/fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

// Every write gets its own millisecond, so "most recently edited first" is a strict order.
let tick = Date.UTC(2026, 0, 1);
beforeEach(() => {
  server.ctx.clock = () => new Date((tick += 1000));
});

type Result = SearchResponse["results"][number];

function titleOf(result: Result): string {
  if (result.object === "data_source" && "title" in result)
    return result.title.map((t) => t.plain_text).join("");
  if (result.object === "page" && "properties" in result) {
    const title = Object.values(result.properties).find((p) => p.type === "title");
    return title?.type === "title" ? title.title.map((t) => t.plain_text).join("") : "";
  }
  return "";
}

async function titles(client: Client, query: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const response = await client.search({ query, ...extra });
  return response.results.map(titleOf);
}

async function pages(ws: TestWorkspace, names: string[]): Promise<string> {
  const root = await workspacePage(ws.client(), "Root");
  for (const name of names) await childPage(ws.client(), root.id, name);
  return root.id;
}

describe("search by title", () => {
  it("matches word prefixes, whatever the case and accents", async () => {
    const ws = await server.workspace();
    await pages(ws, ["Project Plan", "Café Résumé", "Reprojection notes", "Weekly report"]);
    const client = ws.client();
    expect(await titles(client, "proj")).toEqual(["Project Plan"]);
    expect(await titles(client, "PLAN pro")).toEqual(["Project Plan"]);
    expect(await titles(client, "cafe")).toEqual(["Café Résumé"]);
    expect(await titles(client, "RÉSU")).toEqual(["Café Résumé"]);
    expect(await titles(client, "report")).toEqual(["Weekly report"]);
    expect(await titles(client, "nothing-like-this")).toEqual([]);
  });

  it("finds text in scripts without spaces anywhere in a title", async () => {
    const ws = await server.workspace();
    await pages(ws, ["新项目计划书", "项目", "東京の天気予報", "Other"]);
    const client = ws.client();
    expect((await titles(client, "项目")).sort()).toEqual(["新项目计划书", "项目"].sort());
    expect(await titles(client, "计划书")).toEqual(["新项目计划书"]);
    expect(await titles(client, "天気")).toEqual(["東京の天気予報"]);
    expect(await titles(client, "予")).toEqual(["東京の天気予報"]);
  });

  it("returns the list shape of each version, with pages and data sources or databases", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {}, { title: "Tasks board" });
    const row = await addRow(table, "Task alpha");
    await childPage(ws.client(), table.rootId, "Tasks overview");

    const v5 = await ws.client().search({ query: "task" });
    expect(v5).toMatchObject({
      object: "list",
      type: "page_or_data_source",
      page_or_data_source: {},
      has_more: false,
      next_cursor: null,
    });
    const byObject = Object.fromEntries(v5.results.map((r) => [r.id, r.object]));
    expect(byObject).toEqual({
      [row.id]: "page",
      [table.dataSourceId]: "data_source",
      [(await ws.client().search({ query: "overview" })).results[0]?.id ?? "?"]: "page",
    });
    const source = v5.results.find((r) => r.object === "data_source");
    expect(source).toMatchObject({ parent: { type: "database_id", database_id: table.databaseId } });
    expect(
      await titles(ws.client(), "task", { filter: { property: "object", value: "data_source" } }),
    ).toEqual(["Table"].map(() => titleOf(source as Result)));

    const v4 = await ws.clientV4().search({ query: "task" });
    expect(v4).toMatchObject({
      object: "list",
      type: "page_or_database",
      has_more: false,
      next_cursor: null,
    });
    expect(v4.results.map((r) => r.object).sort()).toEqual(["database", "page", "page"]);
    const v4Databases = await ws
      .clientV4()
      .search({ query: "task", filter: { property: "object", value: "database" } });
    expect(v4Databases.results).toHaveLength(1);
    expect(v4Databases.results[0]).toMatchObject({
      object: "database",
      id: table.databaseId,
      properties: { Name: { type: "title" } },
    });
    const v4Pages = await ws
      .clientV4()
      .search({ query: "task", filter: { property: "object", value: "page" } });
    expect(v4Pages.results.map((r) => r.object)).toEqual(["page", "page"]);
  });

  it("refuses a filter value from the other version, and other malformed bodies", async () => {
    const ws = await server.workspace();
    const v5 = ws.client();
    await expectApiError(
      v5.request({
        path: "search",
        method: "post",
        body: { filter: { property: "object", value: "database" } },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.filter\.value should be .*"data_source".*instead was `"database"`/,
      },
    );
    const v4Error: unknown = await ws
      .clientV4()
      .search({ filter: { property: "object", value: "data_source" as "database" } })
      .catch((error: unknown) => error);
    expect(v4Error).toMatchObject({ status: 400, code: "validation_error" });
    expect(String(v4Error)).toMatch(
      /body\.filter\.value should be .*"database".*instead was `"data_source"`/,
    );
    const bad: Array<Record<string, unknown>> = [
      { query: 42 },
      { filter: { property: "type", value: "page" } },
      { sort: { timestamp: "created_time", direction: "descending" } },
      { sort: { timestamp: "last_edited_time", direction: "up" } },
      { page_size: 0 },
      { page_size: 101 },
      { start_cursor: "not-a-cursor" },
    ];
    for (const body of bad) {
      await expectApiError(v5.request({ path: "search", method: "post", body }), {
        status: 400,
        code: "validation_error",
      });
    }
  });
});

describe("search order and pagination", () => {
  it("lists everything reachable without a query, most recently edited first", async () => {
    const ws = await server.workspace();
    const rootId = await pages(ws, ["One", "Two", "Three"]);
    // Adding a child page edits its parent too, in the same instant.
    expect((await titles(ws.client(), "")).slice(2)).toEqual(["Two", "One"]);
    await ws.client().pages.update({
      page_id: (await ws.client().search({ query: "one" })).results[0]?.id ?? "",
      icon: { type: "emoji", emoji: "🙂" },
    });
    expect((await titles(ws.client(), ""))[0]).toBe("One");
    await ws
      .client()
      .pages.update({ page_id: rootId, properties: { title: { title: text("Root renamed") } } });
    expect((await titles(ws.client(), "")).slice(0, 2)).toEqual(["Root renamed", "One"]);
    const ascending = await titles(ws.client(), "", {
      sort: { timestamp: "last_edited_time", direction: "ascending" },
    });
    expect(ascending).toEqual(["Two", "Three", "One", "Root renamed"]);
  });

  it("never lists a data source's templates", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Name: { title: {} } }, { title: "Launches" });
    await addRow(table, "Launch row");
    await addTemplate(server, ws, table.dataSourceId, "Launch template");
    expect(await titles(ws.client(), "launch")).toEqual(["Launch row", "Launches"]);
    expect(await titles(ws.client(), "")).not.toContain("Launch template");
  });

  it("sorts by relevance on request: the whole title, then titles starting with the query", async () => {
    const ws = await server.workspace();
    await pages(ws, ["Plan", "Plan for spring", "Spring plan", "plan"]);
    const ranked = await titles(ws.client(), "plan", { sort: { property: "relevance" } });
    expect(ranked).toEqual(["plan", "Plan", "Plan for spring", "Spring plan"]);
    expect(await titles(ws.client(), "plan")).toEqual(["plan", "Spring plan", "Plan for spring", "Plan"]);
  });

  it("pages through results with opaque cursors", async () => {
    const ws = await server.workspace();
    const names = Array.from({ length: 7 }, (_, i) => `Note ${i}`);
    await pages(ws, names);
    const client = ws.client();
    const first = await client.search({ query: "note", page_size: 3 });
    expect(first.results).toHaveLength(3);
    expect(first.has_more).toBe(true);
    expect(typeof first.next_cursor).toBe("string");
    const all = await collectPaginatedAPI(client.search, { query: "note", page_size: 3 });
    expect(all.map(titleOf)).toEqual([...names].reverse());
    const relevance = await collectPaginatedAPI(client.search, {
      query: "note",
      page_size: 2,
      sort: { property: "relevance" },
    });
    expect(relevance.map(titleOf).sort()).toEqual([...names].sort());
    const last = await client.search({ query: "note", page_size: 7 });
    expect(last).toMatchObject({ has_more: false, next_cursor: null });
    await expectApiError(
      client.search({
        query: "note",
        page_size: 3,
        start_cursor: first.next_cursor ?? "",
        sort: { property: "relevance" },
      }),
      { status: 400, code: "validation_error", message: /start_cursor provided is invalid/ },
    );
  });
});

import type { Client as NotionClient } from "@notionhq/client";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../support/quire.ts";
import { callError, callJson, callText, mcpClient } from "./mcp-client.ts";

/**
 * Each notion-* tool through the MCP SDK's client, checked against the REST API's view of the same
 * workspace (the shared SDK client), with a failure an agent can act on.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Setup {
  ws: TestWorkspace;
  notion: NotionClient;
  mcp: Client;
  rootId: string;
}

async function setup(): Promise<Setup> {
  const ws = await server.workspace();
  const notion = ws.client();
  const root = await notion.pages.create({
    parent: { workspace: true },
    properties: { title: { title: [{ text: { content: "Project Root" } }] } },
    markdown: "Intro paragraph\n\n- first point\n- second point",
  });
  return { ws, notion, mcp: await mcpClient(server.url, ws.token), rootId: root.id };
}

async function tasksSource(notion: NotionClient, parentId: string): Promise<string> {
  const database = await notion.databases.create({
    parent: { type: "page_id", page_id: parentId },
    title: [{ text: { content: "Tasks" } }],
    initial_data_source: {
      properties: {
        Name: { title: {} },
        Tags: { multi_select: { options: [{ name: "urgent" }, { name: "later" }] } },
        Done: { checkbox: {} },
        Due: { date: {} },
        Count: { number: {} },
      },
    },
  });
  const source = "data_sources" in database ? database.data_sources[0] : undefined;
  if (!source) throw new Error("the database has no data source");
  return source.id;
}

async function markdownOf(notion: NotionClient, pageId: string): Promise<string> {
  return (await notion.pages.retrieveMarkdown({ page_id: pageId })).markdown;
}

describe("notion-search", () => {
  it("finds pages by title, as REST search does", async () => {
    const { notion, mcp } = await setup();
    const found = await callJson<{ results: { id: string; title: string; type: string }[] }>(
      mcp,
      "notion-search",
      {
        query: "Project Root",
      },
    );
    const rest = await notion.search({ query: "Project Root" });
    expect(found.results.map((r) => r.id)).toEqual(rest.results.map((r) => r.id));
    expect(found.results[0]).toMatchObject({ title: "Project Root", type: "page" });
  });

  it("finds people with query_type user, and refuses a call without a query", async () => {
    const { ws, mcp } = await setup();
    const users = await callJson<{ results: { id: string; type: string }[] }>(mcp, "notion-search", {
      query: "Test Owner",
      query_type: "user",
    });
    expect(users.results).toEqual([expect.objectContaining({ id: ws.ownerId, type: "user" })]);
    const error = await callError(mcp, "notion-search", { query_type: "user" });
    expect(error.code).toBe("invalid_arguments");
    expect(error.message).toMatch(/query should be a non-empty string/);
  });
});

describe("notion-fetch", () => {
  it("reads a page as <page> with its properties and the markdown the REST API serves", async () => {
    const { notion, mcp, rootId } = await setup();
    const text = await callText(mcp, "notion-fetch", { id: rootId.replace(/-/g, "") });
    expect(text).toContain(`{"title":"Project Root"}`);
    expect(text).toContain(`<content>\n${await markdownOf(notion, rootId)}\n</content>`);
    const page = await notion.pages.retrieve({ page_id: rootId });
    expect(text.startsWith(`<page url="${"url" in page ? page.url : ""}">`)).toBe(true);
  });

  it("reads a data source as <data-source> with its schema as CREATE TABLE", async () => {
    const { notion, mcp, rootId } = await setup();
    const sourceId = await tasksSource(notion, rootId);
    const text = await callText(mcp, "notion-fetch", { id: `collection://${sourceId}` });
    expect(text).toContain(`<data-source url="collection://${sourceId}">`);
    expect(text).toContain(`CREATE TABLE "collection://${sourceId}"`);
    expect(text).toContain(`"date:Due:start" TEXT`);
    expect(text).toContain(`"Tags" TEXT -- JSON array of 'urgent', 'later'`);
  });

  it("says how to fix an id that is not one, and answers 404 for a page it can't find", async () => {
    const { mcp } = await setup();
    expect((await callError(mcp, "notion-fetch", { id: "not a page" })).message).toMatch(
      /must be a Notion URL, a UUID/,
    );
    const missing = await callError(mcp, "notion-fetch", { id: "00000000-0000-4000-8000-000000000000" });
    expect(missing.code).toBe("object_not_found");
    expect(missing.message).toMatch(/notion-search finds pages/);
  });
});

describe("notion-create-pages", () => {
  it("creates rows from SQLite values, as the REST API then reads them", async () => {
    const { notion, mcp, rootId } = await setup();
    const sourceId = await tasksSource(notion, rootId);
    const result = await callJson<{ pages: { id: string; properties: Record<string, unknown> }[] }>(
      mcp,
      "notion-create-pages",
      {
        parent: { data_source_id: sourceId },
        pages: [
          {
            properties: {
              Name: "Write the docs",
              Tags: ["urgent"],
              Done: "__YES__",
              "date:Due:start": "2026-01-15",
              Count: 3,
            },
            content: "Some *notes*",
          },
        ],
      },
    );
    const id = result.pages[0]?.id as string;
    const page = await notion.pages.retrieve({ page_id: id });
    const properties = "properties" in page ? page.properties : {};
    expect(properties.Done).toMatchObject({ checkbox: true });
    expect(properties.Count).toMatchObject({ number: 3 });
    expect(properties.Due).toMatchObject({ date: { start: "2026-01-15", end: null } });
    expect(properties.Tags).toMatchObject({ multi_select: [{ name: "urgent" }] });
    expect(result.pages[0]?.properties).toMatchObject({
      Name: "Write the docs",
      Done: "__YES__",
      "date:Due:start": "2026-01-15",
    });
    expect(await markdownOf(notion, id)).toBe("Some *notes*");
  });

  it("creates a page under a page with Markdown content", async () => {
    const { notion, mcp, rootId } = await setup();
    const result = await callJson<{ pages: { id: string }[] }>(mcp, "notion-create-pages", {
      parent: { page_id: rootId },
      pages: [{ properties: { title: "Child" }, content: "## Heading\n\n- [ ] todo" }],
    });
    const id = result.pages[0]?.id as string;
    expect(await markdownOf(notion, id)).toBe("## Heading\n- [ ] todo");
    const children = await notion.blocks.children.list({ block_id: rootId });
    expect(children.results.map((b) => b.id)).toContain(id);
  });

  it("names the properties that exist when one doesn't, and creates nothing", async () => {
    const { notion, mcp, rootId } = await setup();
    const sourceId = await tasksSource(notion, rootId);
    const error = await callError(mcp, "notion-create-pages", {
      parent: { data_source_id: sourceId },
      pages: [{ properties: { Name: "x", Priority: "high" } }],
    });
    expect(error.message).toMatch(/no property "Priority". The properties are: "Name" \(title\)/);
    expect((await notion.dataSources.query({ data_source_id: sourceId })).results).toEqual([]);
  });
});

describe("notion-update-page", () => {
  it("updates a row's properties", async () => {
    const { notion, mcp, rootId } = await setup();
    const sourceId = await tasksSource(notion, rootId);
    const row = await notion.pages.create({
      parent: { data_source_id: sourceId },
      properties: { Name: { title: [{ text: { content: "Row" } }] } },
    });
    await callText(mcp, "notion-update-page", {
      page_id: row.id,
      command: "update_properties",
      properties: { Done: "__YES__", Count: 7, Name: "Renamed" },
    });
    const page = await notion.pages.retrieve({ page_id: row.id });
    const properties = "properties" in page ? page.properties : {};
    expect(properties.Done).toMatchObject({ checkbox: true });
    expect(properties.Count).toMatchObject({ number: 7 });
    expect(properties.Name).toMatchObject({ title: [{ plain_text: "Renamed" }] });
  });

  it("replaces, inserts and search-and-replaces content", async () => {
    const { notion, mcp, rootId } = await setup();
    await callText(mcp, "notion-update-page", {
      page_id: rootId,
      command: "replace_content",
      new_str: "One\n\nTwo",
    });
    expect(await markdownOf(notion, rootId)).toBe("One\nTwo");
    await callText(mcp, "notion-update-page", {
      page_id: rootId,
      command: "insert_content",
      content: "Three",
    });
    expect(await markdownOf(notion, rootId)).toBe("One\nTwo\nThree");
    await callText(mcp, "notion-update-page", {
      page_id: rootId,
      command: "update_content",
      content_updates: [{ old_str: "Two", new_str: "**Deux**" }],
    });
    expect(await markdownOf(notion, rootId)).toBe("One\n**Deux**\nThree");
  });

  it("refuses an old_str that matches nothing and leaves the page as it was", async () => {
    const { notion, mcp, rootId } = await setup();
    const before = await markdownOf(notion, rootId);
    const error = await callError(mcp, "notion-update-page", {
      page_id: rootId,
      command: "update_content",
      content_updates: [{ old_str: "no such text", new_str: "x" }],
    });
    expect(error.code).toBe("validation_error");
    expect(error.message).toMatch(/did not match any content/);
    expect(await markdownOf(notion, rootId)).toBe(before);
    expect(
      (await callError(mcp, "notion-update-page", { page_id: rootId, command: "rewrite" })).message,
    ).toMatch(/command should be update_properties, replace_content/);
  });
});

describe("comments", () => {
  it("lists the discussions REST comments make, and adds a comment and a reply the REST API lists", async () => {
    const { notion, mcp, rootId } = await setup();
    const created0 = await notion.comments.create({
      parent: { page_id: rootId },
      rich_text: [{ text: { content: "From REST" } }],
    });
    const first = { discussion_id: "discussion_id" in created0 ? created0.discussion_id : "" };
    const listed = await callText(mcp, "notion-get-comments", { page_id: rootId });
    expect(listed).toContain(`<discussion url="discussion://${rootId}/${rootId}/${first.discussion_id}">`);
    expect(listed).toContain(">From REST</comment>");
    const created = await callJson<{ id: string; discussion_url: string }>(mcp, "notion-create-comment", {
      page_id: rootId,
      markdown: "From **MCP**",
    });
    await callJson(mcp, "notion-create-comment", {
      page_id: rootId,
      discussion_id: `discussion://${rootId}/${rootId}/${first.discussion_id}`,
      markdown: "A reply",
    });
    const rest = await notion.comments.list({ block_id: rootId });
    expect(rest.results.map((c) => c.rich_text.map((t) => t.plain_text).join(""))).toEqual([
      "From REST",
      "From MCP",
      "A reply",
    ]);
    expect(rest.results[1]?.id).toBe(created.id);
    expect(rest.results[2]?.discussion_id).toBe(first.discussion_id);
  });

  it("refuses markdown and rich_text together, and a page it can't find", async () => {
    const { mcp, rootId } = await setup();
    const both = await callError(mcp, "notion-create-comment", {
      page_id: rootId,
      markdown: "a",
      rich_text: [{ text: { content: "b" } }],
    });
    expect(both.message).toMatch(/exactly one of the two/);
    const missing = await callError(mcp, "notion-get-comments", {
      page_id: "00000000-0000-4000-8000-000000000000",
    });
    expect(missing.code).toBe("object_not_found");
  });
});

describe("notion-get-users", () => {
  it("lists the users REST lists, and the caller as self", async () => {
    const { ws, notion, mcp } = await setup();
    const all = await callJson<{ results: { id: string }[] }>(mcp, "notion-get-users", {});
    const rest = await notion.users.list({});
    expect(all.results.map((u) => u.id)).toEqual(rest.results.map((u) => u.id));
    const self = await callJson<{ results: { id: string; name: string }[] }>(mcp, "notion-get-users", {
      user_id: "self",
    });
    expect(self.results).toEqual([expect.objectContaining({ id: ws.ownerId, name: "Test Owner" })]);
    const missing = await callError(mcp, "notion-get-users", {
      user_id: "00000000-0000-4000-8000-000000000000",
    });
    expect(missing.code).toBe("object_not_found");
  });
});

describe("notion-query-data-sources", () => {
  it("returns the rows a REST query returns, as SQLite values", async () => {
    const { notion, mcp, rootId } = await setup();
    const sourceId = await tasksSource(notion, rootId);
    for (const [name, done] of [
      ["a", true],
      ["b", false],
      ["c", true],
    ] as const)
      await notion.pages.create({
        parent: { data_source_id: sourceId },
        properties: { Name: { title: [{ text: { content: name } }] }, Done: { checkbox: done } },
      });
    const filter = { property: "Done", checkbox: { equals: true } };
    const sort = [{ property: "Name", direction: "descending" }];
    const rows = await callJson<{ results: { url: string; Name: string; Done: string }[] }>(
      mcp,
      "notion-query-data-sources",
      { data: { mode: "rows", data_source_url: `collection://${sourceId}`, filter, sort } },
    );
    const rest = await notion.dataSources.query({
      data_source_id: sourceId,
      filter,
      sorts: [{ property: "Name", direction: "descending" }],
    });
    expect(rows.results.map((r) => r.Name)).toEqual(["c", "a"]);
    expect(rows.results.map((r) => r.url)).toEqual(rest.results.map((r) => ("url" in r ? r.url : "")));
    expect(rows.results[0]?.Done).toBe("__YES__");
  });

  it("says which modes are served and passes on the query's validation message", async () => {
    const { notion, mcp, rootId } = await setup();
    const sourceId = await tasksSource(notion, rootId);
    const sql = await callError(mcp, "notion-query-data-sources", {
      data: { mode: "sql", data_source_url: `collection://${sourceId}` },
    });
    expect(sql.message).toMatch(/use "rows"/);
    const bad = await callError(mcp, "notion-query-data-sources", {
      data: {
        mode: "rows",
        data_source_url: sourceId,
        filter: { property: "Nope", checkbox: { equals: true } },
      },
    });
    expect(bad.code).toBe("validation_error");
  });
});

describe("notion-move-pages", () => {
  it("moves a page under another page and a page into a data source, as REST then shows them", async () => {
    const { notion, mcp, rootId } = await setup();
    const title = (text: string) => ({ title: { title: [{ text: { content: text } }] } });
    const a = await notion.pages.create({ parent: { workspace: true }, properties: title("Loose A") });
    const b = await notion.pages.create({ parent: { workspace: true }, properties: title("Loose B") });
    const sourceId = await tasksSource(notion, rootId);
    await callJson(mcp, "notion-move-pages", {
      page_or_database_ids: [a.id],
      new_parent: { page_id: rootId },
    });
    await callJson(mcp, "notion-move-pages", {
      page_or_database_ids: [b.id],
      new_parent: { data_source_id: sourceId },
    });
    const movedA = await notion.pages.retrieve({ page_id: a.id });
    expect("parent" in movedA ? movedA.parent : null).toMatchObject({ type: "page_id", page_id: rootId });
    const rows = await notion.dataSources.query({ data_source_id: sourceId });
    expect(rows.results.map((r) => r.id)).toEqual([b.id]);
  });

  it("checks every id before moving any", async () => {
    const { notion, mcp, rootId } = await setup();
    const a = await notion.pages.create({
      parent: { workspace: true },
      properties: { title: { title: [{ text: { content: "Stay" } }] } },
    });
    const error = await callError(mcp, "notion-move-pages", {
      page_or_database_ids: [a.id, "00000000-0000-4000-8000-000000000000"],
      new_parent: { page_id: rootId },
    });
    expect(error.code).toBe("object_not_found");
    const still = await notion.pages.retrieve({ page_id: a.id });
    expect("parent" in still ? still.parent : null).toMatchObject({ type: "workspace" });
    expect(
      (await callJson<{ joinedTeamspaces: unknown[] }>(mcp, "notion-get-teams", {})).joinedTeamspaces,
    ).toEqual([]);
  });
});

describe("notion-create-database", () => {
  it("creates a database from a CREATE TABLE, with the schema the REST API then shows", async () => {
    const { notion, mcp, rootId } = await setup();
    const tasks = await tasksSource(notion, rootId);
    const text = await callText(mcp, "notion-create-database", {
      parent: { page_id: rootId },
      title: "Budget",
      schema: `CREATE TABLE ("Item" TITLE, "Kind" SELECT('Travel':blue, 'Food'), "Cost" NUMBER FORMAT 'dollar', "Paid" CHECKBOX, "Task" RELATION('collection://${tasks}', DUAL 'Budget lines'))`,
    });
    expect(text).toContain("<data-source-state>ready</data-source-state>");
    const sourceId = /<data-source url="collection:\/\/([0-9a-f-]+)">/.exec(text)?.[1] ?? "";
    const source = await notion.dataSources.retrieve({ data_source_id: sourceId });
    const properties = source.properties as Record<string, { type: string; [key: string]: unknown }>;
    expect(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.type]))).toEqual({
      Item: "title",
      Kind: "select",
      Cost: "number",
      Paid: "checkbox",
      Task: "relation",
    });
    expect(properties.Kind?.select).toMatchObject({
      options: [{ name: "Travel", color: "blue" }, { name: "Food" }],
    });
    expect(properties.Cost?.number).toMatchObject({ format: "dollar" });
    expect(properties.Task?.relation).toMatchObject({ data_source_id: tasks, type: "dual_property" });
    const back = await notion.dataSources.retrieve({ data_source_id: tasks });
    expect(Object.keys(back.properties)).toContain("Budget lines");
  });

  it("names the types it knows when a column's type is not one, and creates nothing", async () => {
    const { notion, mcp, rootId } = await setup();
    const error = await callError(mcp, "notion-create-database", {
      parent: { page_id: rootId },
      title: "Broken",
      schema: `CREATE TABLE ("Name" TITLE, "When" TIMESTAMP)`,
    });
    expect(error.message).toMatch(/When has the type TIMESTAMP, which is not one of TITLE, TEXT/);
    const children = await notion.blocks.children.list({ block_id: rootId });
    expect(children.results.map((b) => ("type" in b ? b.type : ""))).not.toContain("child_database");
  });
});

describe("notion-update-data-source", () => {
  it("adds, renames, alters and drops columns, as the REST API then shows the schema", async () => {
    const { notion, mcp, rootId } = await setup();
    const sourceId = await tasksSource(notion, rootId);
    const text = await callText(mcp, "notion-update-data-source", {
      data_source_id: `collection://${sourceId}`,
      statements: `ADD COLUMN "Priority" SELECT('High':red, 'Low'); RENAME COLUMN "Count" TO "Points"; ALTER COLUMN "Due" SET TEXT; DROP COLUMN "Done"`,
      title: "Renamed tasks",
    });
    expect(text).toContain(`"Priority" TEXT -- one of 'High', 'Low'`);
    const source = await notion.dataSources.retrieve({ data_source_id: sourceId });
    const types = Object.fromEntries(Object.entries(source.properties).map(([k, v]) => [k, v.type]));
    expect(types).toEqual({
      Name: "title",
      Tags: "multi_select",
      Due: "rich_text",
      Points: "number",
      Priority: "select",
    });
    expect("title" in source ? source.title.map((t) => t.plain_text).join("") : null).toBe("Renamed tasks");
  });

  it("says which statements it reads, and changes nothing on a bad one", async () => {
    const { notion, mcp, rootId } = await setup();
    const sourceId = await tasksSource(notion, rootId);
    const error = await callError(mcp, "notion-update-data-source", {
      data_source_id: sourceId,
      statements: `ADD COLUMN "Ok" CHECKBOX; TRUNCATE "Tags"`,
    });
    expect(error.message).toMatch(/should be ADD COLUMN "Name" TYPE, DROP COLUMN/);
    const source = await notion.dataSources.retrieve({ data_source_id: sourceId });
    expect(Object.keys(source.properties)).not.toContain("Ok");
  });
});

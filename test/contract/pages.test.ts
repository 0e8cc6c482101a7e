import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import {
  MISSING_ID,
  childPage,
  childTexts,
  compact,
  expectApiError,
  fullPage,
  notFoundMessage,
  pageTitle,
  paragraph,
  text,
  withoutRequestId,
  workspacePage,
} from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

describe("pages.create", () => {
  it("creates a workspace page with title, icon and cover", async () => {
    const ws = await server.workspace();
    const page = fullPage(
      await ws.client().pages.create({
        parent: { workspace: true },
        properties: { title: { title: text("Project Plan") } },
        icon: { type: "emoji", emoji: "🚀" },
        cover: { type: "external", external: { url: "https://example.com/cover.png" } },
      }),
    );
    expect(page).toMatchObject({
      object: "page",
      parent: { type: "workspace", workspace: true },
      created_by: { object: "user", id: ws.ownerId },
      last_edited_by: { object: "user", id: ws.ownerId },
      icon: { type: "emoji", emoji: "🚀" },
      cover: { type: "external", external: { url: "https://example.com/cover.png" } },
      in_trash: false,
      archived: false,
      is_archived: false,
      is_locked: false,
      public_url: null,
    });
    expect(page.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(page.created_time).toMatch(ISO_TIME);
    expect(page.url.endsWith(`Project-Plan-${compact(page.id)}`)).toBe(true);
    expect(page.properties).toEqual({
      title: {
        id: "title",
        type: "title",
        title: [
          {
            type: "text",
            text: { content: "Project Plan", link: null },
            annotations: {
              bold: false,
              italic: false,
              strikethrough: false,
              underline: false,
              code: false,
              color: "default",
            },
            plain_text: "Project Plan",
            href: null,
          },
        ],
      },
    });
  });

  it("creates a page under a page, which lists it as a child_page block", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const parent = await workspacePage(client, "Parent");
    const child = await childPage(client, parent.id, "Child");
    expect(child.parent).toEqual({ type: "page_id", page_id: parent.id });
    const list = await client.blocks.children.list({ block_id: parent.id });
    expect(list.results).toHaveLength(1);
    expect(list.results[0]).toMatchObject({
      object: "block",
      id: child.id,
      type: "child_page",
      child_page: { title: "Child" },
      parent: { type: "page_id", page_id: parent.id },
    });
    expect(await client.blocks.retrieve({ block_id: parent.id })).toMatchObject({ has_children: true });
  });

  it("creates a page with children in order", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = fullPage(
      await client.pages.create({
        parent: { workspace: true },
        properties: { title: { title: text("With content") } },
        children: [paragraph("one"), paragraph("two"), { heading_1: { rich_text: text("three") } }],
      }),
    );
    expect(await childTexts(client, page.id)).toEqual(["one", "two", "three"]);
  });

  it("places a new page with position page_start and after_block", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const parent = await workspacePage(client);
    const first = await client.blocks.children.append({
      block_id: parent.id,
      children: [paragraph("a"), paragraph("b")],
    });
    const aId = first.results[0]?.id ?? "";
    await client.pages.create({
      parent: { page_id: parent.id },
      properties: { title: { title: text("At start") } },
      position: { type: "page_start" },
    });
    await client.pages.create({
      parent: { page_id: parent.id },
      properties: { title: { title: text("After a") } },
      position: { type: "after_block", after_block: { id: aId } },
    });
    expect(await childTexts(client, parent.id)).toEqual(["At start", "a", "After a", "b"]);
  });

  it("creates an untitled page when properties are omitted", async () => {
    const ws = await server.workspace();
    const page = fullPage(await ws.client().pages.create({ parent: { workspace: true } }));
    expect(page.properties).toEqual({ title: { id: "title", type: "title", title: [] } });
    expect(page.icon).toBeNull();
    expect(page.cover).toBeNull();
  });

  it("rejects a property other than title on a page under a page", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const parent = await workspacePage(client);
    await expectApiError(
      client.pages.create({
        parent: { page_id: parent.id },
        properties: { Status: { rich_text: text("x") } },
      }),
      { status: 400, code: "validation_error", message: "Status is not a property that exists." },
    );
  });

  it("answers 404 for a parent page that does not exist", async () => {
    const ws = await server.workspace();
    await expectApiError(ws.client().pages.create({ parent: { page_id: MISSING_ID } }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("page", MISSING_ID),
    });
  });
});

describe("pages.retrieve", () => {
  it("retrieves by id with or without dashes and always answers with dashes", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const created = await workspacePage(client, "Lookup");
    const byDashed = fullPage(await client.pages.retrieve({ page_id: created.id }));
    const byCompact = fullPage(await client.pages.retrieve({ page_id: compact(created.id) }));
    const byUpper = fullPage(await client.pages.retrieve({ page_id: created.id.toUpperCase() }));
    expect(withoutRequestId(byCompact)).toEqual(withoutRequestId(byDashed));
    expect(byUpper.id).toBe(created.id);
    expect(pageTitle(byDashed)).toBe("Lookup");
    expect(byDashed.created_time).toBe(created.created_time);
  });

  it("keeps only the properties named in filter_properties", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const created = await workspacePage(client, "Filtered");
    const kept = fullPage(await client.pages.retrieve({ page_id: created.id, filter_properties: ["title"] }));
    expect(Object.keys(kept.properties)).toEqual(["title"]);
    const none = fullPage(await client.pages.retrieve({ page_id: created.id, filter_properties: ["nope"] }));
    expect(none.properties).toEqual({});
  });

  it("does not serve an ordinary block as a page", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("x")],
    });
    const blockId = results[0]?.id ?? "";
    await expectApiError(client.pages.retrieve({ page_id: blockId }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("page", blockId),
    });
  });

  it("accepts filter_properties with brackets on the raw query string", async () => {
    const ws = await server.workspace();
    const created = await workspacePage(ws.client(), "Brackets");
    const kept = await ws.fetch(`/v1/pages/${created.id}?filter_properties[]=title`);
    expect(Object.keys(((await kept.json()) as { properties: object }).properties)).toEqual(["title"]);
    const dropped = await ws.fetch(`/v1/pages/${created.id}?filter_properties%5B%5D=other`);
    expect(((await dropped.json()) as { properties: object }).properties).toEqual({});
  });
});

describe("pages.create request rules", () => {
  it("takes content as another name for children", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = fullPage(
      await client.pages.create({ parent: { workspace: true }, content: [paragraph("via content")] }),
    );
    expect(await childTexts(client, page.id)).toEqual(["via content"]);
  });

  it("refuses more than 100 children, naming the path", async () => {
    const ws = await server.workspace();
    const children = Array.from({ length: 101 }, (_, i) => paragraph(String(i)));
    await expectApiError(ws.client().pages.create({ parent: { workspace: true }, children }), {
      status: 400,
      code: "validation_error",
      message: "body failed validation: body.children.length should be ≤ `100`, instead was `101`.",
    });
  });

  it("answers a body-less POST with the missing parent", async () => {
    const ws = await server.workspace();
    const response = await ws.fetch("/v1/pages", { method: "POST" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      object: "error",
      code: "validation_error",
      message: "body failed validation: body.parent should be defined, instead was `undefined`.",
    });
  });
});

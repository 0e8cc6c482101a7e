import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import {
  childPage,
  childTexts,
  compact,
  expectApiError,
  fullPage,
  pageTitle,
  paragraph,
  text,
  workspacePage,
} from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("pages.update", () => {
  it("renames a page and reports the new title everywhere", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const parent = await workspacePage(client, "Parent");
    const page = await childPage(client, parent.id, "Old");
    const updated = fullPage(
      await client.pages.update({ page_id: page.id, properties: { title: { title: text("New name") } } }),
    );
    expect(pageTitle(updated)).toBe("New name");
    expect(updated.url.endsWith(`New-name-${compact(page.id)}`)).toBe(true);
    expect(updated.last_edited_time >= page.last_edited_time).toBe(true);
    expect(pageTitle(fullPage(await client.pages.retrieve({ page_id: page.id })))).toBe("New name");
    expect(await client.blocks.retrieve({ block_id: page.id })).toMatchObject({
      type: "child_page",
      child_page: { title: "New name" },
    });
  });

  it("sets and clears icon and cover with null", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const set = fullPage(
      await client.pages.update({
        page_id: page.id,
        icon: { type: "external", external: { url: "https://example.com/icon.svg" } },
        cover: { type: "external", external: { url: "https://example.com/cover.jpg" } },
      }),
    );
    expect(set.icon).toEqual({ type: "external", external: { url: "https://example.com/icon.svg" } });
    expect(set.cover).toEqual({ type: "external", external: { url: "https://example.com/cover.jpg" } });

    const iconCleared = fullPage(await client.pages.update({ page_id: page.id, icon: null }));
    expect(iconCleared.icon).toBeNull();
    expect(iconCleared.cover).toEqual(set.cover);

    const coverCleared = fullPage(await client.pages.update({ page_id: page.id, cover: null }));
    expect(coverCleared.cover).toBeNull();
    const reread = fullPage(await client.pages.retrieve({ page_id: page.id }));
    expect({ icon: reread.icon, cover: reread.cover }).toEqual({ icon: null, cover: null });
  });

  it("serves a native icon with its default colour", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const updated = fullPage(
      await client.pages.update({ page_id: page.id, icon: { icon: { name: "pizza" } } }),
    );
    expect(updated.icon).toEqual({ type: "icon", icon: { name: "pizza", color: "gray" } });
  });

  it("moves a page to the trash and back with in_trash", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const parent = await workspacePage(client);
    const page = await childPage(client, parent.id, "Trash me");
    const trashed = fullPage(await client.pages.update({ page_id: page.id, in_trash: true }));
    expect({ in_trash: trashed.in_trash, archived: trashed.archived }).toEqual({
      in_trash: true,
      archived: true,
    });
    expect(fullPage(await client.pages.retrieve({ page_id: page.id })).in_trash).toBe(true);
    expect(await childTexts(client, parent.id)).toEqual([]);

    const restored = fullPage(await client.pages.update({ page_id: page.id, in_trash: false }));
    expect({ in_trash: restored.in_trash, archived: restored.archived }).toEqual({
      in_trash: false,
      archived: false,
    });
    expect(await childTexts(client, parent.id)).toEqual(["Trash me"]);
  });

  it("accepts the deprecated archived flag as the trash", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const trashed = fullPage(await client.pages.update({ page_id: page.id, archived: true }));
    expect({ in_trash: trashed.in_trash, archived: trashed.archived }).toEqual({
      in_trash: true,
      archived: true,
    });
  });

  it("refuses to edit a page in the trash", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await client.pages.update({ page_id: page.id, in_trash: true });
    await expectApiError(
      client.pages.update({ page_id: page.id, properties: { title: { title: text("x") } } }),
      {
        status: 400,
        code: "validation_error",
        message: /archived/,
      },
    );
    await expectApiError(client.blocks.children.append({ block_id: page.id, children: [paragraph("x")] }), {
      status: 400,
      code: "validation_error",
      message: /archived/,
    });
  });

  it("locks and unlocks a page with is_locked", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    expect(fullPage(await client.pages.update({ page_id: page.id, is_locked: true })).is_locked).toBe(true);
    expect(fullPage(await client.pages.retrieve({ page_id: page.id })).is_locked).toBe(true);
    expect(fullPage(await client.pages.update({ page_id: page.id, is_locked: false })).is_locked).toBe(false);
  });
});

describe("pages.update request rules", () => {
  it("archives without trashing with is_archived", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const archived = fullPage(await client.pages.update({ page_id: page.id, is_archived: true }));
    expect({ is_archived: archived.is_archived, in_trash: archived.in_trash }).toEqual({
      is_archived: true,
      in_trash: false,
    });
  });

  it("refuses an icon emoji that is not an emoji and a cover that is not a file", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const badIcon = { type: "emoji", emoji: "not an emoji" } as unknown as { emoji: "🚀" };
    await expectApiError(client.pages.update({ page_id: page.id, icon: badIcon }), {
      status: 400,
      code: "validation_error",
      message: /body\.icon/,
    });
    const badCover = { type: "emoji", emoji: "🚀" } as unknown as { external: { url: string } };
    await expectApiError(client.pages.update({ page_id: page.id, cover: badCover }), {
      status: 400,
      code: "validation_error",
      message: /body\.cover/,
    });
    expect(fullPage(await client.pages.retrieve({ page_id: page.id }))).toMatchObject({
      icon: null,
      cover: null,
    });
  });

  it("names the path of an over-long title", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client, "Short");
    await expectApiError(
      client.pages.update({ page_id: page.id, properties: { title: { title: text("t".repeat(2001)) } } }),
      {
        status: 400,
        code: "validation_error",
        message:
          "body failed validation: body.properties.title.title[0].text.content.length should be ≤ `2000`, instead was `2001`.",
      },
    );
    expect(pageTitle(fullPage(await client.pages.retrieve({ page_id: page.id })))).toBe("Short");
  });
});

describe("pages.move", () => {
  it("moves a page under another page", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client, "Root");
    const from = await childPage(client, root.id, "From");
    const to = await childPage(client, root.id, "To");
    const moving = await childPage(client, from.id, "Moving");

    const moved = fullPage(await client.pages.move({ page_id: moving.id, parent: { page_id: to.id } }));
    expect(moved.parent).toEqual({ type: "page_id", page_id: to.id });
    expect(await childTexts(client, from.id)).toEqual([]);
    expect(await childTexts(client, to.id)).toEqual(["Moving"]);
    expect(fullPage(await client.pages.retrieve({ page_id: moving.id })).parent).toEqual({
      type: "page_id",
      page_id: to.id,
    });
  });

  it("refuses to move a page into its own descendant", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client);
    const child = await childPage(client, root.id, "Child");
    const grandchild = await childPage(client, child.id, "Grandchild");
    await expectApiError(client.pages.move({ page_id: child.id, parent: { page_id: grandchild.id } }), {
      status: 400,
      code: "validation_error",
    });
    expect(fullPage(await client.pages.retrieve({ page_id: child.id })).parent).toEqual({
      type: "page_id",
      page_id: root.id,
    });
  });
});

describe("pages.properties.retrieve", () => {
  it("pages through a title's rich text items", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = fullPage(
      await client.pages.create({
        parent: { workspace: true },
        properties: {
          title: {
            title: [
              { text: { content: "Alpha " } },
              { text: { content: "Beta " }, annotations: { bold: true } },
              { text: { content: "Gamma" } },
            ],
          },
        },
      }),
    );
    const first = await client.pages.properties.retrieve({
      page_id: page.id,
      property_id: "title",
      page_size: 2,
    });
    if (first.object !== "list") throw new Error("title should be served as a property item list");
    expect(first).toMatchObject({
      type: "property_item",
      has_more: true,
      property_item: { id: "title", type: "title" },
    });
    expect(first.property_item).toMatchObject({ next_url: expect.stringContaining(`/v1/pages/`) });
    expect(first.results.map((r) => r.type === "title" && r.title.plain_text)).toEqual(["Alpha ", "Beta "]);
    expect(first.results[1]).toMatchObject({ object: "property_item", id: "title", type: "title" });
    expect(first.results[1]?.type === "title" && first.results[1].title.annotations.bold).toBe(true);

    const rest = await client.pages.properties.retrieve({
      page_id: compact(page.id),
      property_id: "title",
      start_cursor: first.next_cursor ?? undefined,
    });
    if (rest.object !== "list") throw new Error("title should be served as a property item list");
    expect(rest.results.map((r) => r.type === "title" && r.title.plain_text)).toEqual(["Gamma"]);
    expect({ has_more: rest.has_more, next_cursor: rest.next_cursor }).toEqual({
      has_more: false,
      next_cursor: null,
    });
    expect(rest.property_item).toMatchObject({ next_url: null });
  });
});

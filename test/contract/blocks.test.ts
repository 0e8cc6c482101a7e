import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import {
  appendParagraphs,
  childTexts,
  compact,
  expectApiError,
  fullBlock,
  fullPage,
  MISSING_ID,
  notFoundMessage,
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

describe("blocks.retrieve", () => {
  it("serves a block with its parent, timestamps and content", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ quote: { rich_text: text("Said"), color: "blue_background" } }],
    });
    const appended = fullBlock(results[0]);
    const block = fullBlock(await client.blocks.retrieve({ block_id: compact(appended.id) }));
    expect(withoutRequestId(block)).toEqual(withoutRequestId(appended));
    expect(block).toMatchObject({
      object: "block",
      id: appended.id,
      type: "quote",
      parent: { type: "page_id", page_id: page.id },
      has_children: false,
      in_trash: false,
      archived: false,
      created_by: { object: "user", id: ws.ownerId },
      quote: {
        color: "blue_background",
        rich_text: [{ plain_text: "Said", text: { content: "Said", link: null } }],
      },
    });
  });

  it("serves a page as a child_page block", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client, "As a block");
    expect(await client.blocks.retrieve({ block_id: page.id })).toMatchObject({
      object: "block",
      id: page.id,
      type: "child_page",
      child_page: { title: "As a block" },
      parent: { type: "workspace", workspace: true },
    });
  });
});

describe("blocks.update", () => {
  it("replaces the fields given and keeps the rest", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ to_do: { rich_text: text("Task"), color: "red" } }],
    });
    const id = results[0]?.id ?? "";
    const checked = fullBlock(await client.blocks.update({ block_id: id, to_do: { checked: true } }));
    expect(checked).toMatchObject({ type: "to_do", to_do: { checked: true, color: "red" } });
    expect(checked.type === "to_do" && checked.to_do.rich_text[0]?.plain_text).toBe("Task");

    const renamed = fullBlock(
      await client.blocks.update({ block_id: id, to_do: { rich_text: text("Done task") } }),
    );
    expect(renamed).toMatchObject({ to_do: { checked: true, color: "red" } });
    expect(await childTexts(client, page.id)).toEqual(["Done task"]);
  });

  it("refuses a type key other than the block's own", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [id] = await appendParagraphs(client, page.id, ["keep me"]);
    await expectApiError(
      client.blocks.update({ block_id: id ?? "", heading_1: { rich_text: text("changed") } }),
      {
        status: 400,
        code: "validation_error",
      },
    );
    expect(await childTexts(client, page.id)).toEqual(["keep me"]);
  });

  it("restores a trashed block to its place with in_trash false", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [, middle] = await appendParagraphs(client, page.id, ["a", "b", "c"]);
    await client.blocks.delete({ block_id: middle ?? "" });
    expect(await childTexts(client, page.id)).toEqual(["a", "c"]);
    const restored = fullBlock(await client.blocks.update({ block_id: middle ?? "", in_trash: false }));
    expect({ in_trash: restored.in_trash, archived: restored.archived }).toEqual({
      in_trash: false,
      archived: false,
    });
    expect(await childTexts(client, page.id)).toEqual(["a", "b", "c"]);
  });

  it("refuses to edit a block in the trash", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [id] = await appendParagraphs(client, page.id, ["gone"]);
    await client.blocks.delete({ block_id: id ?? "" });
    await expectApiError(
      client.blocks.update({ block_id: id ?? "", paragraph: { rich_text: text("edited") } }),
      {
        status: 400,
        code: "validation_error",
        message: "Can't edit block that is archived. You must unarchive the block before editing.",
      },
    );
  });
});

describe("blocks.delete", () => {
  it("moves a block to the trash and returns it", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [id] = await appendParagraphs(client, page.id, ["only"]);
    const deleted = fullBlock(await client.blocks.delete({ block_id: id ?? "" }));
    expect(deleted).toMatchObject({ id, type: "paragraph", in_trash: true, archived: true });
    expect(fullBlock(await client.blocks.retrieve({ block_id: id ?? "" })).in_trash).toBe(true);
    expect(await childTexts(client, page.id)).toEqual([]);
    expect(fullBlock(await client.blocks.retrieve({ block_id: page.id })).has_children).toBe(false);
  });

  it("trashes a page deleted as a block", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const deleted = fullBlock(await client.blocks.delete({ block_id: page.id }));
    expect(deleted).toMatchObject({ type: "child_page", in_trash: true });
    expect(fullPage(await client.pages.retrieve({ page_id: page.id })).in_trash).toBe(true);
  });

  it("answers 404 for a block that does not exist", async () => {
    const ws = await server.workspace();
    await expectApiError(ws.client().blocks.delete({ block_id: MISSING_ID }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("block", MISSING_ID),
    });
  });
});

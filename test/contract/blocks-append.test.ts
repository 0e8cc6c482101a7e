import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import {
  appendParagraphs,
  childTexts,
  compact,
  expectApiError,
  fullBlock,
  MISSING_ID,
  notFoundMessage,
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

describe("blocks.children.append", () => {
  it("returns the new first-level children in request order", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const response = await client.blocks.children.append({
      block_id: page.id,
      children: [
        paragraph("first"),
        { toggle: { rich_text: text("second"), children: [paragraph("nested a"), paragraph("nested b")] } },
        { to_do: { rich_text: text("third"), checked: true } },
      ],
    });
    expect(response).toMatchObject({
      object: "list",
      type: "block",
      block: {},
      next_cursor: null,
      has_more: false,
    });
    const results = response.results.map(fullBlock);
    expect(results.map((b) => b.type)).toEqual(["paragraph", "toggle", "to_do"]);
    expect(results.map((b) => b.parent)).toEqual(Array(3).fill({ type: "page_id", page_id: page.id }));
    expect(results.map((b) => b.has_children)).toEqual([false, true, false]);
    expect(results.map((b) => b.created_by.id)).toEqual([ws.ownerId, ws.ownerId, ws.ownerId]);
    expect(await childTexts(client, page.id)).toEqual(["first", "second", "third"]);

    const toggleId = results[1]?.id ?? "";
    const nested = await client.blocks.children.list({ block_id: toggleId });
    expect(nested.results.map((b) => fullBlock(b).parent)).toEqual([
      { type: "block_id", block_id: toggleId },
      { type: "block_id", block_id: toggleId },
    ]);
    expect(await childTexts(client, toggleId)).toEqual(["nested a", "nested b"]);
  });

  it("places children with position start, end and after_block", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [b] = await appendParagraphs(client, page.id, ["b"]);
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("a")],
      position: { type: "start" },
    });
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("d")],
      position: { type: "end" },
    });
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("c1"), paragraph("c2")],
      position: { type: "after_block", after_block: { id: b ?? "" } },
    });
    expect(await childTexts(client, page.id)).toEqual(["a", "b", "c1", "c2", "d"]);
  });

  it("places children after the block named by the deprecated after", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [first] = await appendParagraphs(client, page.id, ["one", "three"]);
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("two")],
      after: compact(first ?? ""),
    });
    expect(await childTexts(client, page.id)).toEqual(["one", "two", "three"]);
  });

  it("refuses after and position together", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [first] = await appendParagraphs(client, page.id, ["one"]);
    await expectApiError(
      client.blocks.children.append({
        block_id: page.id,
        children: [paragraph("x")],
        after: first ?? "",
        position: { type: "end" },
      }),
      { status: 400, code: "validation_error" },
    );
    expect(await childTexts(client, page.id)).toEqual(["one"]);
  });

  it("refuses an after_block that is not a child of the parent", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const other = await workspacePage(client, "Other");
    const [foreign] = await appendParagraphs(client, other.id, ["elsewhere"]);
    await expectApiError(
      client.blocks.children.append({
        block_id: page.id,
        children: [paragraph("x")],
        position: { type: "after_block", after_block: { id: foreign ?? "" } },
      }),
      { status: 400, code: "validation_error" },
    );
    expect(await childTexts(client, page.id)).toEqual([]);
  });

  it("appends to a block that holds children and sets its has_children", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [parentId] = await appendParagraphs(client, page.id, ["parent"]);
    expect(fullBlock(await client.blocks.retrieve({ block_id: parentId ?? "" })).has_children).toBe(false);
    await appendParagraphs(client, parentId ?? "", ["child"]);
    expect(fullBlock(await client.blocks.retrieve({ block_id: parentId ?? "" })).has_children).toBe(true);
    expect(await childTexts(client, parentId ?? "")).toEqual(["child"]);
  });

  it("refuses children under a block type that cannot hold them", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ divider: {} }],
    });
    await expectApiError(
      client.blocks.children.append({ block_id: results[0]?.id ?? "", children: [paragraph("x")] }),
      { status: 400, code: "validation_error" },
    );
  });

  it("takes two levels of nesting below the appended blocks and refuses a third, naming the path", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const twoLevels = await client.blocks.children.append({
      block_id: page.id,
      children: [
        {
          toggle: {
            rich_text: text("1"),
            children: [{ toggle: { rich_text: text("2"), children: [paragraph("3")] } }],
          },
        },
      ],
    });
    const top = twoLevels.results[0]?.id ?? "";
    const [second] = (await client.blocks.children.list({ block_id: top })).results;
    expect(await childTexts(client, second?.id ?? "")).toEqual(["3"]);

    const threeLevels = {
      children: [
        {
          toggle: {
            rich_text: text("1"),
            children: [
              {
                toggle: {
                  rich_text: text("2"),
                  children: [{ toggle: { rich_text: text("3"), children: [paragraph("4")] } }],
                },
              },
            ],
          },
        },
      ],
    } as unknown as { children: [] };
    await expectApiError(client.blocks.children.append({ block_id: page.id, ...threeLevels }), {
      status: 400,
      code: "validation_error",
      message:
        /^body failed validation: body\.children\[0\]\.toggle\.children\[0\]\.toggle\.children\[0\]\.toggle\.children should be not present/,
    });
    expect(await childTexts(client, page.id)).toEqual(["1"]);
  });

  it("answers 404 when the parent block does not exist", async () => {
    const ws = await server.workspace();
    await expectApiError(
      ws.client().blocks.children.append({ block_id: MISSING_ID, children: [paragraph("x")] }),
      {
        status: 404,
        code: "object_not_found",
        message: notFoundMessage("block", MISSING_ID),
      },
    );
  });

  it("accepts object and type alongside the type key, and refuses a type that disagrees with it", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await client.blocks.children.append({
      block_id: page.id,
      children: [{ object: "block", type: "quote", quote: { rich_text: text("typed") } }],
    });
    expect(await childTexts(client, page.id)).toEqual(["typed"]);
    const mismatched = { type: "paragraph", heading_1: { rich_text: text("x") } } as unknown as ReturnType<
      typeof paragraph
    >;
    await expectApiError(client.blocks.children.append({ block_id: page.id, children: [mismatched] }), {
      status: 400,
      code: "validation_error",
    });
    expect(await childTexts(client, page.id)).toEqual(["typed"]);
  });

  it("names a missing required field", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const request = { paragraph: {} } as unknown as ReturnType<typeof paragraph>;
    await expectApiError(
      client.blocks.children.append({ block_id: page.id, children: [paragraph("ok"), request] }),
      {
        status: 400,
        code: "validation_error",
        message:
          "body failed validation: body.children[1].paragraph.rich_text should be defined, instead was `undefined`.",
      },
    );
    expect(await childTexts(client, page.id)).toEqual([]);
  });

  it("serves ids given without dashes in the body with dashes", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const target = await workspacePage(client, "Target");
    const original = await client.blocks.children.append({
      block_id: compact(page.id),
      children: [{ synced_block: { synced_from: null, children: [paragraph("s")] } }],
    });
    const originalId = original.results[0]?.id ?? "";
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [
        { link_to_page: { page_id: compact(target.id) } },
        { synced_block: { synced_from: { block_id: compact(originalId) } } },
        { paragraph: { rich_text: [{ mention: { page: { id: compact(target.id) } } }] } },
      ],
    });
    const [link, synced, mention] = results.map(fullBlock);
    expect(link).toMatchObject({ link_to_page: { type: "page_id", page_id: target.id } });
    expect(synced).toMatchObject({
      synced_block: { synced_from: { type: "block_id", block_id: originalId } },
    });
    expect(mention).toMatchObject({
      paragraph: {
        rich_text: [{ mention: { type: "page", page: { id: target.id } }, plain_text: "Target" }],
      },
    });
  });
});

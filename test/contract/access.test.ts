import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../support/quire.ts";
import {
  appendParagraphs,
  childPage,
  childTexts,
  expectApiError,
  fullBlock,
  fullPage,
  notFoundMessage,
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

/** root ─ shared ─ deep ─ deeper (+ a paragraph in deeper); root ─ sibling. Only `shared` is shared. */
async function sharedTree(
  ws: TestWorkspace,
  name = "Helper Bot",
  capabilities?: Parameters<TestWorkspace["integration"]>[1],
) {
  const owner = ws.client();
  const root = await workspacePage(owner, "Root");
  const shared = await childPage(owner, root.id, "Shared");
  const sibling = await childPage(owner, root.id, "Sibling");
  const deep = await childPage(owner, shared.id, "Deep");
  const deeper = await childPage(owner, deep.id, "Deeper");
  const [blockId] = await appendParagraphs(owner, deeper.id, ["inside"]);
  const token = await ws.integration(name, capabilities);
  await ws.share(name, shared.id);
  return { owner, bot: ws.client(token), root, shared, sibling, deep, deeper, blockId: blockId ?? "" };
}

describe("what an integration can see", () => {
  it("sees a shared page and everything below it", async () => {
    const ws = await server.workspace();
    const { bot, shared, deep, deeper, blockId } = await sharedTree(ws);
    expect(pageTitle(fullPage(await bot.pages.retrieve({ page_id: shared.id })))).toBe("Shared");
    expect(pageTitle(fullPage(await bot.pages.retrieve({ page_id: deeper.id })))).toBe("Deeper");
    expect(await childTexts(bot, shared.id)).toEqual(["Deep"]);
    expect(await childTexts(bot, deep.id)).toEqual(["Deeper"]);
    expect(fullBlock(await bot.blocks.retrieve({ block_id: blockId })).id).toBe(blockId);
  });

  it("gets 404 with Notion's wording for pages and blocks that were not shared", async () => {
    const ws = await server.workspace();
    const { bot, root, sibling } = await sharedTree(ws, "Helper Bot");
    for (const id of [root.id, sibling.id]) {
      await expectApiError(bot.pages.retrieve({ page_id: id }), {
        status: 404,
        code: "object_not_found",
        message: notFoundMessage("page", id, "Helper Bot"),
      });
    }
    await expectApiError(bot.blocks.children.list({ block_id: root.id }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("block", root.id, "Helper Bot"),
    });
    await expectApiError(bot.blocks.retrieve({ block_id: sibling.id }), {
      status: 404,
      code: "object_not_found",
    });
  });

  it("cannot write outside what was shared", async () => {
    const ws = await server.workspace();
    const { bot, root, sibling, shared } = await sharedTree(ws, "Writer");
    await expectApiError(bot.blocks.children.append({ block_id: sibling.id, children: [paragraph("x")] }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("block", sibling.id, "Writer"),
    });
    await expectApiError(bot.pages.create({ parent: { page_id: root.id } }), {
      status: 404,
      code: "object_not_found",
    });
    await expectApiError(bot.pages.update({ page_id: sibling.id, in_trash: true }), {
      status: 404,
      code: "object_not_found",
    });
    await expectApiError(bot.blocks.delete({ block_id: sibling.id }), {
      status: 404,
      code: "object_not_found",
    });
    await expectApiError(bot.pages.move({ page_id: shared.id, parent: { page_id: sibling.id } }), {
      status: 404,
      code: "object_not_found",
    });
    expect(await childTexts(ws.client(), sibling.id)).toEqual([]);
  });

  it("cannot point new content at unshared pages or blocks", async () => {
    const ws = await server.workspace();
    const { bot, shared, sibling } = await sharedTree(ws, "Linker");
    await expectApiError(
      bot.blocks.children.append({
        block_id: shared.id,
        children: [{ link_to_page: { page_id: sibling.id } }],
      }),
      { status: 404, code: "object_not_found", message: notFoundMessage("page", sibling.id, "Linker") },
    );
    const owner = ws.client();
    const original = await owner.blocks.children.append({
      block_id: sibling.id,
      children: [{ synced_block: { synced_from: null, children: [paragraph("private")] } }],
    });
    const originalId = original.results[0]?.id ?? "";
    await expectApiError(
      bot.blocks.children.append({
        block_id: shared.id,
        children: [{ synced_block: { synced_from: { block_id: originalId } } }],
      }),
      { status: 404, code: "object_not_found", message: notFoundMessage("block", originalId, "Linker") },
    );
    await expectApiError(bot.pages.properties.retrieve({ page_id: sibling.id, property_id: "title" }), {
      status: 404,
      code: "object_not_found",
    });
    expect(await childTexts(owner, shared.id)).toEqual(["Deep"]);
  });

  it("loses a page that is moved out of the shared tree", async () => {
    const ws = await server.workspace();
    const { owner, bot, deep, sibling } = await sharedTree(ws);
    await owner.pages.move({ page_id: deep.id, parent: { page_id: sibling.id } });
    await expectApiError(bot.pages.retrieve({ page_id: deep.id }), { status: 404, code: "object_not_found" });
  });

  it("writes inside the shared tree as its bot user", async () => {
    const ws = await server.workspace();
    const { owner, bot, shared } = await sharedTree(ws);
    const me = await bot.users.me({});
    const created = fullPage(
      await bot.pages.create({
        parent: { page_id: shared.id },
        properties: { title: { title: text("By bot") } },
      }),
    );
    expect(created.created_by).toEqual({ object: "user", id: me.id });
    const { results } = await bot.blocks.children.append({
      block_id: created.id,
      children: [paragraph("bot text")],
    });
    expect(fullBlock(results[0]).created_by).toEqual({ object: "user", id: me.id });
    const renamed = fullPage(
      await bot.pages.update({
        page_id: shared.id,
        properties: { title: { title: text("Renamed by bot") } },
      }),
    );
    expect({ created: renamed.created_by.id, edited: renamed.last_edited_by.id }).toEqual({
      created: ws.ownerId,
      edited: me.id,
    });
    // The owner's token sees what the integration wrote.
    expect(await childTexts(owner, created.id)).toEqual(["bot text"]);
  });

  it("cannot create a workspace-level page", async () => {
    const ws = await server.workspace();
    const { bot } = await sharedTree(ws);
    await expectApiError(bot.pages.create({ parent: { workspace: true } }), {
      status: 400,
      code: "validation_error",
    });
  });

  it("sees only what was shared with it, not with another integration", async () => {
    const ws = await server.workspace();
    const { sibling } = await sharedTree(ws, "First");
    const otherToken = await ws.integration("Second");
    await ws.share("Second", sibling.id);
    const first = ws.client(await ws.integration("Third"));
    await expectApiError(first.pages.retrieve({ page_id: sibling.id }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("page", sibling.id, "Third"),
    });
    expect(fullPage(await ws.client(otherToken).pages.retrieve({ page_id: sibling.id })).id).toBe(sibling.id);
  });
});

describe("capabilities", () => {
  it("refuses reads without read content with 403 restricted_resource", async () => {
    const ws = await server.workspace();
    const { bot, shared } = await sharedTree(ws, "Blind", ["insert", "update"]);
    await expectApiError(bot.pages.retrieve({ page_id: shared.id }), {
      status: 403,
      code: "restricted_resource",
    });
    await expectApiError(bot.blocks.children.list({ block_id: shared.id }), {
      status: 403,
      code: "restricted_resource",
    });
    await expectApiError(bot.blocks.retrieve({ block_id: shared.id }), {
      status: 403,
      code: "restricted_resource",
    });
    await expectApiError(bot.pages.properties.retrieve({ page_id: shared.id, property_id: "title" }), {
      status: 403,
      code: "restricted_resource",
    });
  });

  it("refuses inserts without insert content", async () => {
    const ws = await server.workspace();
    const { owner, bot, shared } = await sharedTree(ws, "No Insert", ["read", "update"]);
    await expectApiError(bot.blocks.children.append({ block_id: shared.id, children: [paragraph("x")] }), {
      status: 403,
      code: "restricted_resource",
    });
    await expectApiError(bot.pages.create({ parent: { page_id: shared.id } }), {
      status: 403,
      code: "restricted_resource",
    });
    expect(await childTexts(owner, shared.id)).toEqual(["Deep"]);
  });

  it("refuses updates and deletes without update content", async () => {
    const ws = await server.workspace();
    const { owner, bot, shared, deep, blockId } = await sharedTree(ws, "Read Only", ["read"]);
    await expectApiError(
      bot.pages.update({ page_id: shared.id, properties: { title: { title: text("x") } } }),
      {
        status: 403,
        code: "restricted_resource",
      },
    );
    await expectApiError(bot.blocks.update({ block_id: blockId, paragraph: { rich_text: text("x") } }), {
      status: 403,
      code: "restricted_resource",
    });
    await expectApiError(bot.blocks.delete({ block_id: blockId }), {
      status: 403,
      code: "restricted_resource",
    });
    await expectApiError(bot.pages.move({ page_id: deep.id, parent: { page_id: shared.id } }), {
      status: 403,
      code: "restricted_resource",
    });
    expect(pageTitle(fullPage(await owner.pages.retrieve({ page_id: shared.id })))).toBe("Shared");
    // Reading still works.
    expect(await childTexts(bot, shared.id)).toEqual(["Deep"]);
  });
});

describe("workspaces and personal access tokens", () => {
  it("gives a personal access token everything in its workspace, shared or not", async () => {
    const ws = await server.workspace();
    const { owner, sibling, deeper } = await sharedTree(ws);
    expect(pageTitle(fullPage(await owner.pages.retrieve({ page_id: sibling.id })))).toBe("Sibling");
    expect(await childTexts(owner, deeper.id)).toEqual(["inside"]);
  });

  it("answers 404 for pages and blocks of another workspace", async () => {
    const mine = await server.workspace();
    const theirs = await server.workspace();
    const page = await workspacePage(theirs.client(), "Private");
    const [blockId] = await appendParagraphs(theirs.client(), page.id, ["secret"]);
    const client = mine.client();
    await expectApiError(client.pages.retrieve({ page_id: page.id }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("page", page.id),
    });
    await expectApiError(client.blocks.retrieve({ block_id: blockId ?? "" }), {
      status: 404,
      code: "object_not_found",
    });
    await expectApiError(client.blocks.children.append({ block_id: page.id, children: [paragraph("x")] }), {
      status: 404,
      code: "object_not_found",
    });
    await expectApiError(client.pages.create({ parent: { page_id: page.id } }), {
      status: 404,
      code: "object_not_found",
    });
    const myPage = await workspacePage(client);
    await expectApiError(client.pages.move({ page_id: myPage.id, parent: { page_id: page.id } }), {
      status: 404,
      code: "object_not_found",
    });
    expect(await childTexts(theirs.client(), page.id)).toEqual(["secret"]);
  });
});

import { type CommentObjectResponse, isFullComment } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Capability } from "../../../src/services/access/viewer.ts";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import {
  appendParagraphs,
  childPage,
  expectApiError,
  notFoundMessage,
  plain,
  text,
  workspacePage,
} from "../helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function full(response: unknown): CommentObjectResponse {
  if (!isFullComment(response as Parameters<typeof isFullComment>[0])) {
    throw new Error(`expected a full comment, got ${JSON.stringify(response)}`);
  }
  return response as CommentObjectResponse;
}

const ALL: Capability[] = ["read", "update", "insert", "read_comments", "insert_comments", "user_info"];
const FORBIDDEN = {
  status: 403,
  code: "restricted_resource",
  message: "Insufficient permissions for this endpoint.",
};

/** root ─ shared (one paragraph) and root ─ private; the integration sees only `shared`. */
async function sharedTree(ws: TestWorkspace, name: string, capabilities: Capability[] = ALL) {
  const owner = ws.client();
  const root = await workspacePage(owner, "Root");
  const shared = await childPage(owner, root.id, "Shared");
  const hidden = await childPage(owner, root.id, "Private");
  const [blockId = ""] = await appendParagraphs(owner, shared.id, ["para"]);
  const token = await ws.integration(name, capabilities);
  await ws.share(name, shared.id);
  return { owner, bot: ws.client(token), root, shared, hidden, blockId };
}

describe("comment capabilities", () => {
  it("needs insert comments to create, update and delete", async () => {
    const ws = await server.workspace();
    const { owner, bot, shared } = await sharedTree(
      ws,
      "Reader",
      ALL.filter((c) => c !== "insert_comments"),
    );
    const existing = full(
      await owner.comments.create({ parent: { page_id: shared.id }, rich_text: text("x") }),
    );
    await expectApiError(
      bot.comments.create({ parent: { page_id: shared.id }, rich_text: text("x") }),
      FORBIDDEN,
    );
    await expectApiError(
      bot.comments.create({ discussion_id: existing.discussion_id, rich_text: text("x") }),
      FORBIDDEN,
    );
    // The capability is checked before the body, as for content capabilities.
    await expectApiError(bot.comments.create({ parent: { page_id: shared.id } } as never), FORBIDDEN);
    await expectApiError(bot.comments.update({ comment_id: existing.id, rich_text: text("y") }), FORBIDDEN);
    await expectApiError(bot.comments.delete({ comment_id: existing.id }), FORBIDDEN);
    // Reading is still allowed.
    expect((await bot.comments.list({ block_id: shared.id })).results.map((c) => c.id)).toEqual([
      existing.id,
    ]);
  });

  it("needs read comments to list and retrieve", async () => {
    const ws = await server.workspace();
    const { bot, shared } = await sharedTree(
      ws,
      "Writer",
      ALL.filter((c) => c !== "read_comments"),
    );
    const mine = full(await bot.comments.create({ parent: { page_id: shared.id }, rich_text: text("x") }));
    await expectApiError(bot.comments.list({ block_id: shared.id }), FORBIDDEN);
    await expectApiError(bot.comments.retrieve({ comment_id: mine.id }), FORBIDDEN);
  });

  it("does not need content capabilities", async () => {
    const ws = await server.workspace();
    const { bot, shared } = await sharedTree(ws, "Commenter", ["read_comments", "insert_comments"]);
    await bot.comments.create({ parent: { page_id: shared.id }, rich_text: text("x") });
    expect((await bot.comments.list({ block_id: shared.id })).results).toHaveLength(1);
  });
});

describe("comment sharing", () => {
  it("answers 404 for pages, blocks, discussions and comments that were not shared", async () => {
    const ws = await server.workspace();
    const { owner, bot, hidden } = await sharedTree(ws, "Helper Bot");
    const [hiddenBlock = ""] = await appendParagraphs(owner, hidden.id, ["secret"]);
    const privateComment = full(
      await owner.comments.create({ parent: { block_id: hiddenBlock }, rich_text: text("secret") }),
    );
    await expectApiError(bot.comments.create({ parent: { page_id: hidden.id }, rich_text: text("x") }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("page", hidden.id, "Helper Bot"),
    });
    await expectApiError(bot.comments.create({ parent: { block_id: hiddenBlock }, rich_text: text("x") }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("block", hiddenBlock, "Helper Bot"),
    });
    await expectApiError(
      bot.comments.create({ discussion_id: privateComment.discussion_id, rich_text: text("x") }),
      {
        status: 404,
        code: "object_not_found",
        message: notFoundMessage("discussion", privateComment.discussion_id, "Helper Bot"),
      },
    );
    await expectApiError(bot.comments.list({ block_id: hiddenBlock }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("block", hiddenBlock, "Helper Bot"),
    });
    await expectApiError(bot.comments.retrieve({ comment_id: privateComment.id }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("comment", privateComment.id, "Helper Bot"),
    });
  });

  it("sees comments below a shared page, and replies in discussions it can reach", async () => {
    const ws = await server.workspace();
    const { owner, bot, blockId } = await sharedTree(ws, "Helper Bot");
    const started = full(
      await owner.comments.create({ parent: { block_id: blockId }, rich_text: text("Q?") }),
    );
    const reply = full(
      await bot.comments.create({ discussion_id: started.discussion_id, rich_text: text("A.") }),
    );
    expect(reply.display_name).toEqual({ type: "integration", resolved_name: "Helper Bot" });
    const listed = await owner.comments.list({ block_id: blockId });
    expect(listed.results.map((c) => plain(c.rich_text))).toEqual(["Q?", "A."]);
    expect(full(await bot.comments.retrieve({ comment_id: started.id })).id).toBe(started.id);
  });
});

describe("who may change a comment", () => {
  it("lets a connection update and delete only its own comments (404 otherwise, as Notion)", async () => {
    const ws = await server.workspace();
    const { owner, bot, shared } = await sharedTree(ws, "Helper Bot");
    const otherToken = await ws.integration("Other Bot");
    await ws.share("Other Bot", shared.id);
    const other = ws.client(otherToken);

    const byOwner = full(
      await owner.comments.create({ parent: { page_id: shared.id }, rich_text: text("o") }),
    );
    const byBot = full(await bot.comments.create({ parent: { page_id: shared.id }, rich_text: text("b") }));

    const notFound = (id: string, name?: string) => ({
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("comment", id, name),
    });
    await expectApiError(
      bot.comments.update({ comment_id: byOwner.id, rich_text: text("x") }),
      notFound(byOwner.id, "Helper Bot"),
    );
    await expectApiError(bot.comments.delete({ comment_id: byOwner.id }), notFound(byOwner.id, "Helper Bot"));
    await expectApiError(
      other.comments.update({ comment_id: byBot.id, rich_text: text("x") }),
      notFound(byBot.id, "Other Bot"),
    );
    await expectApiError(other.comments.delete({ comment_id: byBot.id }), notFound(byBot.id, "Other Bot"));
    await expectApiError(
      owner.comments.update({ comment_id: byBot.id, rich_text: text("x") }),
      notFound(byBot.id),
    );
    await expectApiError(owner.comments.delete({ comment_id: byBot.id }), notFound(byBot.id));

    // Nothing changed, and each author can still edit their own.
    expect(plain(full(await other.comments.retrieve({ comment_id: byBot.id })).rich_text)).toBe("b");
    expect(
      plain(full(await bot.comments.update({ comment_id: byBot.id, rich_text: text("b2") })).rich_text),
    ).toBe("b2");
    expect(full(await owner.comments.delete({ comment_id: byOwner.id })).id).toBe(byOwner.id);
    expect(
      (await other.comments.list({ block_id: shared.id })).results.map((c) => plain(c.rich_text)),
    ).toEqual(["b2"]);
  });

  it("loses access to its comments when the page is no longer reachable", async () => {
    const ws = await server.workspace();
    const { owner, bot, shared, hidden } = await sharedTree(ws, "Mover");
    const mine = full(await bot.comments.create({ parent: { page_id: shared.id }, rich_text: text("x") }));
    await owner.pages.move({ page_id: shared.id, parent: { type: "page_id", page_id: hidden.id } });
    // Sharing is inherited from `shared` itself, which moved along: still reachable.
    expect(full(await bot.comments.retrieve({ comment_id: mine.id })).id).toBe(mine.id);
    const [otherBlock = ""] = await appendParagraphs(owner, hidden.id, ["elsewhere"]);
    const elsewhere = full(
      await owner.comments.create({ parent: { block_id: otherBlock }, rich_text: text("y") }),
    );
    await expectApiError(bot.comments.retrieve({ comment_id: elsewhere.id }), {
      status: 404,
      code: "object_not_found",
    });
  });
});

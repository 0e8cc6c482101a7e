import { type CommentObjectResponse, collectPaginatedAPI, isFullComment } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import {
  MISSING_ID,
  appendParagraphs,
  childPage,
  compact,
  expectApiError,
  notFoundMessage,
  plain,
  served,
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

async function setup() {
  const ws = await server.workspace();
  const owner = ws.client();
  const page = await workspacePage(owner, "Spec");
  const [blockId = ""] = await appendParagraphs(owner, page.id, ["First paragraph"]);
  return { ws, owner, page, blockId };
}

describe("comments.create", () => {
  it("starts a page-level discussion and answers the comment object", async () => {
    const { ws, owner, page } = await setup();
    const comment = full(
      await owner.comments.create({ parent: { page_id: page.id }, rich_text: text("Hi") }),
    );
    expect(comment).toMatchObject({
      object: "comment",
      parent: { type: "page_id", page_id: page.id },
      created_by: { object: "user", id: ws.ownerId },
      rich_text: served("Hi"),
      display_name: { type: "user", resolved_name: "Test Owner" },
    });
    expect(comment.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(comment.discussion_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(comment.discussion_id).not.toBe(comment.id);
    expect(comment.created_time).toBe(comment.last_edited_time);
    expect(comment).not.toHaveProperty("attachments");
  });

  it("starts an inline discussion on a block; replies join it with discussion_id", async () => {
    const { owner, blockId } = await setup();
    const first = full(
      await owner.comments.create({
        parent: { type: "block_id", block_id: compact(blockId) },
        rich_text: text("Typo?"),
      }),
    );
    expect(first.parent).toEqual({ type: "block_id", block_id: blockId });
    const reply = full(
      await owner.comments.create({ discussion_id: first.discussion_id, rich_text: text("Fixed") }),
    );
    expect(reply.discussion_id).toBe(first.discussion_id);
    expect(reply.parent).toEqual({ type: "block_id", block_id: blockId });
    const other = full(
      await owner.comments.create({ parent: { block_id: blockId }, rich_text: text("Another") }),
    );
    expect(other.discussion_id).not.toBe(first.discussion_id);
  });

  it("treats a block_id that names a page as a page-level discussion", async () => {
    const { owner, page } = await setup();
    const comment = full(
      await owner.comments.create({ parent: { block_id: page.id }, rich_text: text("x") }),
    );
    expect(comment.parent).toEqual({ type: "page_id", page_id: page.id });
  });

  it("stores display names and presents the resolved name", async () => {
    const { ws, page } = await setup();
    const token = await ws.integration("Review Bot");
    await ws.share("Review Bot", page.id);
    const bot = ws.client(token);
    const parent = { page_id: page.id };
    const asBot = full(await bot.comments.create({ parent, rich_text: text("a") }));
    expect(asBot.display_name).toEqual({ type: "integration", resolved_name: "Review Bot" });
    const asUser = full(
      await bot.comments.create({ parent, rich_text: text("b"), display_name: { type: "user" } }),
    );
    expect(asUser.display_name).toEqual({ type: "user", resolved_name: "Test Owner" });
    expect(asUser.created_by.id).toBe(asBot.created_by.id);
    const custom = full(
      await bot.comments.create({
        parent,
        rich_text: text("c"),
        display_name: { type: "custom", custom: { name: "Deploy Robot" } },
      }),
    );
    expect(custom.display_name).toEqual({ type: "custom", resolved_name: "Deploy Robot" });
    const listed = await bot.comments.list({ block_id: page.id });
    expect(listed.results.map((c) => c.display_name.resolved_name)).toEqual([
      "Review Bot",
      "Test Owner",
      "Deploy Robot",
    ]);
  });

  it("renders mentions, and shows renamed pages under their new title when read", async () => {
    const { ws, owner, page } = await setup();
    const target = await childPage(owner, page.id, "Design");
    const comment = full(
      await owner.comments.create({
        parent: { page_id: page.id },
        rich_text: [
          { type: "mention", mention: { user: { id: ws.ownerId } } },
          { type: "text", text: { content: " see " } },
          { type: "mention", mention: { page: { id: target.id } } },
        ],
      }),
    );
    expect(plain(comment.rich_text)).toBe("@Test Owner see Design");
    await owner.pages.update({ page_id: target.id, properties: { title: { title: text("Design v2") } } });
    expect(plain(full(await owner.comments.retrieve({ comment_id: comment.id })).rich_text)).toBe(
      "@Test Owner see Design v2",
    );
  });

  it("refuses comments on a page in the trash", async () => {
    const { owner, page, blockId } = await setup();
    const first = full(await owner.comments.create({ parent: { block_id: blockId }, rich_text: text("x") }));
    await owner.pages.update({ page_id: page.id, in_trash: true });
    const archived = { status: 400, code: "validation_error", message: /archived/ };
    await expectApiError(
      owner.comments.create({ parent: { page_id: page.id }, rich_text: text("x") }),
      archived,
    );
    await expectApiError(
      owner.comments.create({ discussion_id: first.discussion_id, rich_text: text("x") }),
      archived,
    );
    // Reading still works, as reading a trashed page does.
    expect((await owner.comments.list({ block_id: blockId })).results).toHaveLength(1);
  });

  it("answers 404 for unknown pages, blocks and discussions", async () => {
    const { owner } = await setup();
    await expectApiError(owner.comments.create({ parent: { page_id: MISSING_ID }, rich_text: text("x") }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("page", MISSING_ID),
    });
    await expectApiError(owner.comments.create({ parent: { block_id: MISSING_ID }, rich_text: text("x") }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("block", MISSING_ID),
    });
    await expectApiError(owner.comments.create({ discussion_id: MISSING_ID, rich_text: text("x") }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("discussion", MISSING_ID),
    });
  });

  it("answers 404 page for a page_id that names a plain block", async () => {
    const { owner, blockId } = await setup();
    await expectApiError(owner.comments.create({ parent: { page_id: blockId }, rich_text: text("x") }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("page", blockId),
    });
  });
});

describe("comments.create validation", () => {
  it("needs exactly one of parent and discussion_id", async () => {
    const { ws, page } = await setup();
    const post = (body: object) => ws.fetch("/v1/comments", { method: "POST", body: JSON.stringify(body) });
    const neither = await post({ rich_text: text("x") });
    expect(neither.status).toBe(400);
    expect(((await neither.json()) as { message: string }).message).toBe(
      "body failed validation. Fix one:\nbody.parent should be defined, instead was `undefined`.\n" +
        "body.discussion_id should be defined, instead was `undefined`.",
    );
    const both = await post({
      parent: { page_id: page.id },
      discussion_id: MISSING_ID,
      rich_text: text("x"),
    });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { message: string }).message).toMatch(
      /^body failed validation\. Fix one:\nbody\.parent should be not present/,
    );
  });

  it("needs exactly one of rich_text and markdown", async () => {
    const { owner, page } = await setup();
    const parent = { page_id: page.id };
    await expectApiError(owner.comments.create({ parent } as never), {
      status: 400,
      code: "validation_error",
      message: /Fix one:\nbody\.rich_text should be defined.*\nbody\.markdown should be defined/,
    });
    await expectApiError(owner.comments.create({ parent, rich_text: text("x"), markdown: "x" } as never), {
      status: 400,
      code: "validation_error",
      message: /body\.rich_text should be not present/,
    });
  });

  it("turns markdown into annotated rich text", async () => {
    const { owner, page } = await setup();
    const created = full(
      await owner.comments.create({
        parent: { page_id: page.id },
        markdown: "**bold** and *italic* with [a link](https://example.com) and `code`",
      }),
    );
    const runs = created.rich_text.map((item) => ({
      text: item.plain_text,
      bold: item.annotations.bold,
      italic: item.annotations.italic,
      code: item.annotations.code,
      href: item.href,
    }));
    expect(runs).toEqual([
      { text: "bold", bold: true, italic: false, code: false, href: null },
      { text: " and ", bold: false, italic: false, code: false, href: null },
      { text: "italic", bold: false, italic: true, code: false, href: null },
      { text: " with ", bold: false, italic: false, code: false, href: null },
      { text: "a link", bold: false, italic: false, code: false, href: "https://example.com" },
      { text: " and ", bold: false, italic: false, code: false, href: null },
      { text: "code", bold: false, italic: false, code: true, href: null },
    ]);
    const updated = full(await owner.comments.update({ comment_id: created.id, markdown: "~~gone~~" }));
    expect(updated.rich_text.map((item) => [item.plain_text, item.annotations.strikethrough])).toEqual([
      ["gone", true],
    ]);
  });

  it("splits long markdown text into items of at most 2,000 characters, losing nothing", async () => {
    const { owner, page } = await setup();
    const long = "x".repeat(2500);
    const created = full(await owner.comments.create({ parent: { page_id: page.id }, markdown: long }));
    expect(created.rich_text.map((item) => item.plain_text.length)).toEqual([2000, 500]);
    expect(plain(created.rich_text)).toBe(long);
  });

  it("enforces the rich text limits", async () => {
    const { owner, page } = await setup();
    const parent = { page_id: page.id };
    await expectApiError(owner.comments.create({ parent, rich_text: text("x".repeat(2001)) }), {
      status: 400,
      code: "validation_error",
      message:
        "body failed validation: body.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
    });
    const many = Array.from({ length: 101 }, () => text("x")[0]!);
    await expectApiError(owner.comments.create({ parent, rich_text: many }), {
      status: 400,
      code: "validation_error",
      message: "body failed validation: body.rich_text.length should be ≤ `100`, instead was `101`.",
    });
    const ok = full(await owner.comments.create({ parent, rich_text: text("x".repeat(2000)) }));
    expect(plain(ok.rich_text)).toHaveLength(2000);
  });

  it("validates attachments and answers unknown file uploads", async () => {
    const { owner, page } = await setup();
    const parent = { page_id: page.id };
    const upload = (id: string) => ({ file_upload_id: id });
    await expectApiError(
      owner.comments.create({
        parent,
        rich_text: text("x"),
        attachments: [1, 2, 3, 4].map(() => upload(MISSING_ID)),
      }),
      { status: 400, code: "validation_error", message: /body\.attachments\.length should be ≤ `3`/ },
    );
    await expectApiError(
      owner.comments.create({ parent, rich_text: text("x"), attachments: [upload("nope")] }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.attachments\[0\]\.file_upload_id should be a valid uuid/,
      },
    );
    await expectApiError(
      owner.comments.create({ parent, rich_text: text("x"), attachments: [upload(MISSING_ID)] }),
      {
        status: 400,
        code: "validation_error",
        message: `Could not find file upload with ID: ${MISSING_ID}.`,
      },
    );
    // Nothing was stored by the refused requests.
    expect((await owner.comments.list({ block_id: page.id })).results).toEqual([]);
  });

  it("validates display_name", async () => {
    const { owner, page } = await setup();
    const parent = { page_id: page.id };
    await expectApiError(
      owner.comments.create({ parent, rich_text: text("x"), display_name: { type: "robot" } as never }),
      { status: 400, code: "validation_error", message: /body\.display_name\.type should be/ },
    );
    await expectApiError(
      owner.comments.create({ parent, rich_text: text("x"), display_name: { type: "custom" } as never }),
      { status: 400, code: "validation_error", message: /body\.display_name\.custom should be defined/ },
    );
  });
});

describe("comments.list", () => {
  it("lists a page's page-level discussions and a block's inline ones separately, oldest first", async () => {
    const { owner, page, blockId } = await setup();
    const onPage = full(await owner.comments.create({ parent: { page_id: page.id }, rich_text: text("p1") }));
    const onBlock = full(
      await owner.comments.create({ parent: { block_id: blockId }, rich_text: text("b1") }),
    );
    await owner.comments.create({ discussion_id: onPage.discussion_id, rich_text: text("p2") });
    await owner.comments.create({ discussion_id: onBlock.discussion_id, rich_text: text("b2") });
    const pageList = await owner.comments.list({ block_id: page.id });
    expect(pageList).toMatchObject({
      object: "list",
      type: "comment",
      comment: {},
      has_more: false,
      next_cursor: null,
    });
    expect(pageList.results.map((c) => plain(c.rich_text))).toEqual(["p1", "p2"]);
    const blockList = await owner.comments.list({ block_id: compact(blockId) });
    expect(blockList.results.map((c) => plain(c.rich_text))).toEqual(["b1", "b2"]);
  });

  it("paginates in creation order", async () => {
    const { owner, page } = await setup();
    const texts = Array.from({ length: 7 }, (_, i) => `c${i}`);
    for (const t of texts) await owner.comments.create({ parent: { page_id: page.id }, rich_text: text(t) });
    const first = await owner.comments.list({ block_id: page.id, page_size: 3 });
    expect(first.results.map((c) => plain(c.rich_text))).toEqual(["c0", "c1", "c2"]);
    expect(first.has_more).toBe(true);
    expect(first.next_cursor).toEqual(expect.any(String));
    const all = await collectPaginatedAPI(owner.comments.list, { block_id: page.id, page_size: 2 });
    expect(all.map((c) => plain(c.rich_text))).toEqual(texts);
  });

  it("gives concurrent comments on one page distinct places in the list", async () => {
    const { owner, page } = await setup();
    const texts = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const created = await Promise.all(
      texts.map((t) => owner.comments.create({ parent: { page_id: page.id }, rich_text: text(t) })),
    );
    const listed = await collectPaginatedAPI(owner.comments.list, { block_id: page.id, page_size: 5 });
    expect(listed.map((c) => c.id).sort()).toEqual(created.map((c) => c.id).sort());
    expect(listed.map((c) => plain(c.rich_text)).sort()).toEqual([...texts].sort());
  });

  it("serves the same comment object in 2026-03-11", async () => {
    const { ws, page } = await setup();
    const client = ws.client(undefined, "2026-03-11");
    const created = full(
      await client.comments.create({ parent: { page_id: page.id }, rich_text: text("v") }),
    );
    expect(full(await ws.client().comments.retrieve({ comment_id: created.id }))).toEqual({
      ...created,
      request_id: expect.any(String),
    });
  });

  it("keeps cursors valid when the next comment is deleted between pages", async () => {
    const { owner, page } = await setup();
    const ids: string[] = [];
    for (const t of ["a", "b", "c", "d"]) {
      ids.push(full(await owner.comments.create({ parent: { page_id: page.id }, rich_text: text(t) })).id);
    }
    const first = await owner.comments.list({ block_id: page.id, page_size: 2 });
    await owner.comments.delete({ comment_id: ids[2]! });
    const rest = await owner.comments.list({ block_id: page.id, start_cursor: first.next_cursor ?? "" });
    expect(rest.results.map((c) => plain(c.rich_text))).toEqual(["d"]);
  });

  it("validates block_id, page_size and cursors", async () => {
    const { ws, owner, page } = await setup();
    const missing = await ws.fetch("/v1/comments");
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toBe(
      "query failed validation: query.block_id should be defined, instead was `undefined`.",
    );
    await expectApiError(owner.comments.list({ block_id: page.id, page_size: 101 }), {
      status: 400,
      code: "validation_error",
    });
    await expectApiError(owner.comments.list({ block_id: page.id, start_cursor: "bogus" }), {
      status: 400,
      code: "validation_error",
      message: "start_cursor provided is invalid: bogus",
    });
    await expectApiError(owner.comments.list({ block_id: MISSING_ID }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("block", MISSING_ID),
    });
  });
});

describe("comments.retrieve, update and delete", () => {
  it("retrieves, updates and deletes a comment", async () => {
    const { owner, page } = await setup();
    const created = full(
      await owner.comments.create({ parent: { page_id: page.id }, rich_text: text("draft") }),
    );
    expect(full(await owner.comments.retrieve({ comment_id: compact(created.id) }))).toEqual({
      ...created,
      request_id: expect.any(String),
    });
    const updated = full(
      await owner.comments.update({
        comment_id: created.id,
        rich_text: [{ text: { content: "final" }, annotations: { bold: true } }],
      }),
    );
    expect(updated.rich_text[0]).toMatchObject({ plain_text: "final", annotations: { bold: true } });
    expect(updated.discussion_id).toBe(created.discussion_id);
    expect(updated.created_time).toBe(created.created_time);
    expect(full(await owner.comments.retrieve({ comment_id: created.id })).rich_text).toEqual(
      updated.rich_text,
    );

    const deleted = full(await owner.comments.delete({ comment_id: created.id }));
    expect(deleted.id).toBe(created.id);
    expect(plain(deleted.rich_text)).toBe("final");
    const gone = [
      () => owner.comments.retrieve({ comment_id: created.id }),
      () => owner.comments.update({ comment_id: created.id, rich_text: text("again") }),
      () => owner.comments.delete({ comment_id: created.id }),
    ];
    for (const call of gone) {
      await expectApiError(call(), {
        status: 404,
        code: "object_not_found",
        message: notFoundMessage("comment", created.id),
      });
    }
    expect((await owner.comments.list({ block_id: page.id })).results).toEqual([]);
  });

  it("keeps a discussion open to replies after one of its comments is deleted", async () => {
    const { owner, blockId } = await setup();
    const first = full(await owner.comments.create({ parent: { block_id: blockId }, rich_text: text("1") }));
    await owner.comments.create({ discussion_id: first.discussion_id, rich_text: text("2") });
    await owner.comments.delete({ comment_id: first.id });
    const reply = full(
      await owner.comments.create({ discussion_id: first.discussion_id, rich_text: text("3") }),
    );
    expect(reply.parent).toEqual({ type: "block_id", block_id: blockId });
    expect((await owner.comments.list({ block_id: blockId })).results.map((c) => plain(c.rich_text))).toEqual(
      ["2", "3"],
    );
  });

  it("validates update bodies", async () => {
    const { owner, page } = await setup();
    const created = full(await owner.comments.create({ parent: { page_id: page.id }, rich_text: text("x") }));
    await expectApiError(owner.comments.update({ comment_id: created.id } as never), {
      status: 400,
      code: "validation_error",
      message: /Fix one:/,
    });
    await expectApiError(owner.comments.retrieve({ comment_id: "not-an-id" }), {
      status: 400,
      code: "validation_error",
    });
  });
});

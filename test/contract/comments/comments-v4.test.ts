import { APIResponseError } from "notion-client-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { MISSING_ID, appendParagraphs, served, text, workspacePage } from "../helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** The v4 SDK's own error class, with Notion's fields. */
async function expectV4Error(
  promise: Promise<unknown>,
  expected: { status: number; code: string; message?: RegExp },
) {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(APIResponseError.isAPIResponseError(caught)).toBe(true);
  expect(caught).toMatchObject({ status: expected.status, code: expected.code });
  if (expected.message) expect((caught as Error).message).toMatch(expected.message);
}

/** SDK 4.0.2 speaks 2022-06-28 and knows comments.create, list and retrieve. */
describe("comments through SDK v4 (2022-06-28)", () => {
  it("creates on pages and blocks, replies, lists and retrieves", async () => {
    const ws = await server.workspace();
    const page = await workspacePage(ws.client(), "Spec");
    const [blockId = ""] = await appendParagraphs(ws.client(), page.id, ["para"]);
    const v4 = ws.clientV4();

    const onPage = await v4.comments.create({ parent: { page_id: page.id }, rich_text: text("page") });
    if (!("created_by" in onPage)) throw new Error("expected a full comment");
    expect(onPage).toMatchObject({
      object: "comment",
      parent: { type: "page_id", page_id: page.id },
      rich_text: served("page"),
      display_name: { type: "user", resolved_name: "Test Owner" },
    });

    const inline = await v4.comments.create({
      parent: { block_id: blockId },
      rich_text: text("inline"),
      display_name: { type: "custom", custom: { name: "Scribe" } },
    });
    if (!("discussion_id" in inline)) throw new Error("expected a full comment");
    await v4.comments.create({ discussion_id: inline.discussion_id, rich_text: text("reply") });

    const listed = await v4.comments.list({ block_id: blockId, page_size: 1 });
    expect(listed).toMatchObject({ object: "list", type: "comment", has_more: true });
    expect(listed.results[0]?.display_name).toEqual({ type: "custom", resolved_name: "Scribe" });
    const rest = await v4.comments.list({ block_id: blockId, start_cursor: listed.next_cursor ?? undefined });
    expect(rest.results.map((c) => c.rich_text[0]?.plain_text)).toEqual(["reply"]);
    expect(rest.next_cursor).toBeNull();

    const retrieved = await v4.comments.retrieve({ comment_id: onPage.id });
    expect(retrieved).toEqual({ ...onPage, request_id: expect.any(String) });
  });

  it("answers Notion's errors to the v4 client", async () => {
    const ws = await server.workspace();
    const page = await workspacePage(ws.client(), "Spec");
    const token = await ws.integration("No Comments", ["read", "insert", "update"]);
    await ws.share("No Comments", page.id);
    const bot = ws.clientV4(token);
    for (const call of [
      () => bot.comments.create({ parent: { page_id: page.id }, rich_text: text("x") }),
      () => bot.comments.list({ block_id: page.id }),
    ]) {
      await expectV4Error(call(), { status: 403, code: "restricted_resource" });
    }
    const owner = ws.clientV4();
    await expectV4Error(
      owner.comments.create({
        parent: { page_id: page.id },
        rich_text: text("x"),
        attachments: [{ file_upload_id: MISSING_ID }],
      }),
      { status: 400, code: "validation_error", message: /Could not find file upload with ID/ },
    );
    await expectV4Error(owner.comments.retrieve({ comment_id: MISSING_ID }), {
      status: 404,
      code: "object_not_found",
      message: /Could not find comment with ID/,
    });
  });
});

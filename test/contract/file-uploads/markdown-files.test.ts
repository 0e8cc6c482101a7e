import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, text, workspacePage } from "../helpers.ts";
import { expectNoUploadRefs, expectSignedFile, uploaded } from "./upload-fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("file uploads in page markdown", () => {
  it("reads an uploaded image as file-upload://, which writes back as the same upload", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion);
    const image = await uploaded(notion, "chart.png", Buffer.from("89504e47", "hex"), "image/png");
    await notion.blocks.children.append({
      block_id: root.id,
      children: [{ image: { type: "file_upload", file_upload: { id: image }, caption: text("Chart") } }],
    });
    const read = await notion.pages.retrieveMarkdown({ page_id: root.id });
    expect(read.markdown).toContain(`![Chart](file-upload://${image})`);

    await notion.pages.updateMarkdown({
      page_id: root.id,
      type: "replace_content",
      replace_content: { new_str: `Intro\n${read.markdown}` },
    });
    const blocks = await notion.blocks.children.list({ block_id: root.id });
    expectNoUploadRefs(blocks);
    const last = blocks.results[blocks.results.length - 1] as { image?: unknown };
    expect(expectSignedFile(last.image, server.url).url).toContain(image);

    // An upload markdown names must exist, as in blocks.
    const missing = "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f";
    await expectApiError(
      notion.pages.updateMarkdown({
        page_id: root.id,
        type: "insert_content",
        insert_content: { content: `![x](file-upload://${missing})` },
      }),
      { status: 400, code: "validation_error", message: `Could not find file upload with ID: ${missing}.` },
    );
  });
});

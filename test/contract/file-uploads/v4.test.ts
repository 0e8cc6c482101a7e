import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectNoUploadRefs, expectSignedFile } from "./upload-fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("file uploads through SDK v4 (2022-06-28)", () => {
  it("uploads in both modes and attaches, with archived beside in_trash", async () => {
    const ws = await server.workspace();
    const notion = ws.clientV4();
    const single = await notion.fileUploads.create({ filename: "a.txt" });
    expect(single).toMatchObject({ status: "pending", archived: false, in_trash: false });
    const sent = await notion.fileUploads.send({
      file_upload_id: single.id,
      file: { filename: "a.txt", data: new Blob(["v4 bytes"], { type: "text/plain" }) },
    });
    expect(sent).toMatchObject({ status: "uploaded", content_length: 8 });

    const multi = await notion.fileUploads.create({
      mode: "multi_part",
      number_of_parts: 2,
      filename: "b.txt",
    });
    await notion.fileUploads.send({
      file_upload_id: multi.id,
      part_number: "2",
      file: { filename: "b.txt", data: new Blob(["tail"]) },
    });
    await notion.fileUploads.send({
      file_upload_id: multi.id,
      part_number: "1",
      file: { filename: "b.txt", data: new Blob([Buffer.alloc(5 * 1024 * 1024, 120)]) },
    });
    expect(await notion.fileUploads.complete({ file_upload_id: multi.id })).toMatchObject({
      status: "uploaded",
      content_length: 5 * 1024 * 1024 + 4,
    });

    const page = await notion.pages.create({
      parent: { workspace: true },
      properties: { title: { title: [{ text: { content: "v4 files" } }] } },
      children: [{ file: { type: "file_upload", file_upload: { id: single.id } } }],
    });
    const blocks = await notion.blocks.children.list({ block_id: page.id });
    expectNoUploadRefs(blocks);
    const { url } = expectSignedFile((blocks.results[0] as { file?: unknown }).file, server.url);
    expect(await (await fetch(url)).text()).toBe("v4 bytes");
  });
});

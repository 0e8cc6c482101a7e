import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("single_part uploads", () => {
  it("creates a pending upload, sends the file, and lists and retrieves it as uploaded", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const created = await notion.fileUploads.create({ filename: "notes.txt", content_type: "text/plain" });
    expect(created).toMatchObject({
      object: "file_upload",
      status: "pending",
      filename: "notes.txt",
      content_type: "text/plain",
      content_length: null,
      upload_url: `${server.url}/v1/file_uploads/${created.id}/send`,
      in_trash: false,
      archived: false,
      created_by: { id: ws.ownerId, type: "person" },
    });
    expect(created.complete_url).toBeUndefined();
    expect(Date.parse(created.expiry_time ?? "") - Date.parse(created.created_time)).toBe(3600_000);

    const sent = await notion.fileUploads.send({
      file_upload_id: created.id,
      file: { filename: "notes.txt", data: new Blob(["hello, file"], { type: "text/plain" }) },
    });
    expect(sent).toMatchObject({
      id: created.id,
      status: "uploaded",
      content_length: 11,
      filename: "notes.txt",
    });
    expect(sent.upload_url).toBeUndefined();

    expect(await notion.fileUploads.retrieve({ file_upload_id: created.id })).toMatchObject({
      status: "uploaded",
      content_length: 11,
    });
    const list = await notion.fileUploads.list({});
    expect(list).toMatchObject({ object: "list", type: "file_upload", file_upload: {}, has_more: false });
    expect(list.results.map((u) => u.id)).toEqual([created.id]);
    expect((await notion.fileUploads.list({ status: "pending" })).results).toEqual([]);
  });
});

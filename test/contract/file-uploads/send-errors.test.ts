import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { MISSING_ID, expectApiError, workspacePage } from "../helpers.ts";
import { storedBlobCount } from "./blob-count.ts";

let now = Date.now();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(now) });
});
afterAll(async () => {
  await server.close();
});

const MIB = 1024 * 1024;

/** Sends the start of a multipart body that promises more bytes, then drops the connection. */
function sendCutOff(path: string, token: string): Promise<void> {
  const boundary = "cutoffboundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n`;
  return new Promise((resolve) => {
    const req = request(`${server.url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "notion-version": "2025-09-03",
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.length + 4 * MIB),
      },
    });
    req.on("error", () => resolve());
    req.write(head);
    req.write(Buffer.alloc(MIB, 97), () => {
      // Give the server time to store what arrived before the connection drops.
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
  });
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
}

describe("sending a file upload", () => {
  it("refuses a body that is not multipart/form-data, or has no file field", async () => {
    const ws = await server.workspace();
    const { id } = await ws.client().fileUploads.create({ filename: "a.txt" });
    const json = await ws.fetch(`/v1/file_uploads/${id}/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ file: "x" }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: "validation_error", message: /multipart\/form-data/ });
    const form = new FormData();
    form.append("part_number", "1");
    const noFile = await ws.fetch(`/v1/file_uploads/${id}/send`, { method: "POST", body: form });
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toMatchObject({ message: /body\.file should be defined/ });
    expect(await ws.client().fileUploads.retrieve({ file_upload_id: id })).toMatchObject({
      status: "pending",
    });
  });

  it("refuses a single_part file over 20 MiB and keeps nothing of it", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const { id } = await notion.fileUploads.create({ filename: "big.txt" });
    await expectApiError(
      notion.fileUploads.send({
        file_upload_id: id,
        file: { filename: "big.txt", data: new Blob([Buffer.alloc(20 * MIB + 1, 98)]) },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /larger than the 20971520 bytes a single_part upload/,
      },
    );
    expect(await notion.fileUploads.retrieve({ file_upload_id: id })).toMatchObject({
      status: "pending",
      content_length: null,
    });
    expect(await storedBlobCount(server.store, id)).toBe(0);
  });

  it("keeps nothing of a body cut off mid-stream, and takes the file when sent again", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const { id } = await notion.fileUploads.create({ filename: "a.txt" });
    await sendCutOff(`/v1/file_uploads/${id}/send`, ws.token);
    await waitFor(async () => (await storedBlobCount(server.store, id)) === 0);
    expect(await storedBlobCount(server.store, id)).toBe(0);
    expect(await notion.fileUploads.retrieve({ file_upload_id: id })).toMatchObject({ status: "pending" });
    const sent = await notion.fileUploads.send({
      file_upload_id: id,
      file: { filename: "a.txt", data: new Blob(["whole"]) },
    });
    expect(sent).toMatchObject({ status: "uploaded", content_length: 5, content_type: "text/plain" });
  });

  it("refuses sending twice, a file whose type contradicts the upload's, and unknown or foreign uploads", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const { id } = await notion.fileUploads.create({ filename: "a.txt" });
    await expectApiError(
      notion.fileUploads.send({
        file_upload_id: id,
        file: { filename: "a.txt", data: new Blob(["x"], { type: "image/png" }) },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /does not match the file upload's content type `text\/plain`/,
      },
    );
    await notion.fileUploads.send({ file_upload_id: id, file: { filename: "a.txt", data: "x" } });
    await expectApiError(notion.fileUploads.send({ file_upload_id: id, file: { data: "again" } }), {
      status: 400,
      code: "validation_error",
      message: /it must be `pending` to send or complete it/,
    });
    await expectApiError(notion.fileUploads.complete({ file_upload_id: id }), {
      status: 400,
      code: "validation_error",
      message: /only multi_part uploads are completed/,
    });
    const missing = {
      status: 404,
      code: "object_not_found",
      message: `Could not find file_upload with ID: ${MISSING_ID}.`,
    };
    await expectApiError(notion.fileUploads.retrieve({ file_upload_id: MISSING_ID }), missing);
    await expectApiError(
      notion.fileUploads.send({ file_upload_id: MISSING_ID, file: { data: "x" } }),
      missing,
    );
    const other = (await server.workspace()).client();
    await expectApiError(other.fileUploads.retrieve({ file_upload_id: id }), {
      status: 404,
      code: "object_not_found",
      message: `Could not find file_upload with ID: ${id}.`,
    });
  });

  it("expires unattached uploads after an hour: no more sending or attaching", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion);
    const pending = await notion.fileUploads.create({ filename: "late.txt" });
    const { id: sent } = await notion.fileUploads.create({ filename: "sent.txt" });
    await notion.fileUploads.send({ file_upload_id: sent, file: { filename: "sent.txt", data: "x" } });
    expect(await storedBlobCount(server.store, sent)).toBe(1);
    now += 3600_001;
    try {
      // The next upload write sweeps what has lapsed: the sent file's bytes go, its row stays.
      await notion.fileUploads.create({ filename: "next.txt" });
      expect(await storedBlobCount(server.store, sent)).toBe(0);
      expect(await notion.fileUploads.retrieve({ file_upload_id: pending.id })).toMatchObject({
        status: "expired",
      });
      expect((await notion.fileUploads.list({ status: "expired" })).results.map((u) => u.id).sort()).toEqual(
        [pending.id, sent].sort(),
      );
      await expectApiError(notion.fileUploads.send({ file_upload_id: pending.id, file: { data: "x" } }), {
        status: 400,
        code: "validation_error",
        message: /in status `expired`/,
      });
      await expectApiError(
        notion.comments.create({
          parent: { page_id: root.id },
          rich_text: [{ text: { content: "x" } }],
          attachments: [{ file_upload_id: sent }],
        }),
        {
          status: 400,
          code: "validation_error",
          message: `File upload with ID ${sent} has expired; create a new file upload.`,
        },
      );
      expect((await notion.comments.list({ block_id: root.id })).results).toEqual([]);
    } finally {
      now -= 3600_001;
    }
  });

  it("lists newest first with cursors and a status filter; v4 sees the same objects", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      now += 1000;
      ids.push((await notion.fileUploads.create({ filename: `f${i}.txt` })).id);
    }
    await notion.fileUploads.send({ file_upload_id: ids[1] ?? "", file: { filename: "f1.txt", data: "1" } });
    const first = await notion.fileUploads.list({ page_size: 2 });
    expect(first.results.map((u) => u.id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const second = await notion.fileUploads.list({ page_size: 2, start_cursor: first.next_cursor ?? "" });
    expect(second.results.map((u) => u.id)).toEqual([ids[0]]);
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect((await notion.fileUploads.list({ status: "uploaded" })).results.map((u) => u.id)).toEqual([
      ids[1],
    ]);
    await expectApiError(notion.fileUploads.list({ status: "done" as "pending" }), {
      status: 400,
      code: "validation_error",
      message: /query\.status should be `"pending"`/,
    });
    const v4 = ws.clientV4();
    const listed = await v4.fileUploads.list({});
    expect(listed.results.map((u) => u.id)).toEqual([...ids].reverse());
    expect(await v4.fileUploads.retrieve({ file_upload_id: ids[1] ?? "" })).toMatchObject({
      status: "uploaded",
      archived: false,
      in_trash: false,
    });
  });
});

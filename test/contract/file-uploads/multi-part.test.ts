import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, fullBlock, workspacePage } from "../helpers.ts";
import { expectSignedFile } from "./upload-fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const MIB = 1024 * 1024;

async function sha256Of(response: Response): Promise<{ hash: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { hash: hash.digest("hex"), size };
}

describe("multi_part uploads", () => {
  it("takes 50 MB in five parts sent in parallel and out of order, and serves them back whole", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const bytes = randomBytes(50 * MIB);
    const parts = [0, 1, 2, 3, 4].map((i) => bytes.subarray(i * 10 * MIB, (i + 1) * 10 * MIB));
    const created = await notion.fileUploads.create({
      mode: "multi_part",
      number_of_parts: 5,
      filename: "recording.mp4",
    });
    expect(created).toMatchObject({
      status: "pending",
      content_type: "video/mp4",
      number_of_parts: { total: 5, sent: 0 },
      upload_url: `${server.url}/v1/file_uploads/${created.id}/send`,
      complete_url: `${server.url}/v1/file_uploads/${created.id}/complete`,
    });
    const order = [3, 1, 5, 2, 4];
    const sent = await Promise.all(
      order.map((n) =>
        notion.fileUploads.send({
          file_upload_id: created.id,
          part_number: String(n),
          file: { filename: "recording.mp4", data: new Blob([parts[n - 1] ?? Buffer.alloc(0)]) },
        }),
      ),
    );
    expect(sent.every((u) => u.status === "pending")).toBe(true);
    expect((await notion.fileUploads.retrieve({ file_upload_id: created.id })).number_of_parts).toEqual({
      total: 5,
      sent: 5,
    });
    const done = await notion.fileUploads.complete({ file_upload_id: created.id });
    expect(done).toMatchObject({ status: "uploaded", content_length: 50 * MIB });
    expect(done.upload_url).toBeUndefined();
    expect(done.complete_url).toBeUndefined();

    const root = await workspacePage(notion);
    const appended = await notion.blocks.children.append({
      block_id: root.id,
      children: [{ video: { type: "file_upload", file_upload: { id: created.id } } }],
    });
    const video = fullBlock(appended.results[0]);
    if (video.type !== "video") throw new Error("not a video block");
    const { url } = expectSignedFile(video.video, server.url);
    const whole = await fetch(url);
    expect(whole.headers.get("content-length")).toBe(String(50 * MIB));
    expect(await sha256Of(whole)).toEqual({
      hash: createHash("sha256").update(bytes).digest("hex"),
      size: 50 * MIB,
    });
    // A range across the boundary of parts 1 and 2.
    const from = 10 * MIB - 3;
    const ranged = await fetch(url, { headers: { range: `bytes=${from}-${from + 5}` } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(from, from + 6))).toBe(true);
  });

  it("refuses completing with parts missing, bad part numbers and short middle parts", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const { id } = await notion.fileUploads.create({
      mode: "multi_part",
      number_of_parts: 2,
      filename: "a.txt",
    });
    await expectApiError(notion.fileUploads.complete({ file_upload_id: id }), {
      status: 400,
      code: "validation_error",
      message: "Expected 2 parts, but 0 have been sent.",
    });
    const small = { filename: "a.txt", data: new Blob(["tiny"]) };
    for (const part_number of ["0", "3", "x"]) {
      await expectApiError(notion.fileUploads.send({ file_upload_id: id, part_number, file: small }), {
        status: 400,
        code: "validation_error",
        message: /body\.part_number should be an integer from 1 to 2/,
      });
    }
    await expectApiError(notion.fileUploads.send({ file_upload_id: id, file: small }), {
      status: 400,
      code: "validation_error",
      message: /body\.part_number should be defined/,
    });
    await expectApiError(notion.fileUploads.send({ file_upload_id: id, part_number: "1", file: small }), {
      status: 400,
      code: "validation_error",
      message: /every part but the last must hold at least 5242880 bytes/,
    });
    // The last part may be small.
    const last = await notion.fileUploads.send({ file_upload_id: id, part_number: "2", file: small });
    expect(last.number_of_parts).toEqual({ total: 2, sent: 1 });
    await expectApiError(notion.fileUploads.complete({ file_upload_id: id }), {
      status: 400,
      code: "validation_error",
      message: "Expected 2 parts, but 1 have been sent.",
    });
  });

  it("validates create: parts, filename and content type", async () => {
    const notion = (await server.workspace()).client();
    await expectApiError(notion.fileUploads.create({ mode: "multi_part", filename: "a.txt" }), {
      status: 400,
      code: "validation_error",
      message: /body\.number_of_parts should be defined/,
    });
    await expectApiError(
      notion.fileUploads.create({ mode: "multi_part", number_of_parts: 1001, filename: "a.txt" }),
      { status: 400, code: "validation_error", message: /body\.number_of_parts should be ≤ `1000`/ },
    );
    await expectApiError(notion.fileUploads.create({ mode: "multi_part", number_of_parts: 2 }), {
      status: 400,
      code: "validation_error",
      message: /body\.filename should be defined/,
    });
    await expectApiError(
      notion.fileUploads.create({ mode: "multi_part", number_of_parts: 2, filename: "archive" }),
      { status: 400, code: "validation_error", message: /needs a `filename` with a supported extension/ },
    );
    await expectApiError(notion.fileUploads.create({ filename: "photo.png", content_type: "image/jpeg" }), {
      status: 400,
      code: "validation_error",
      message: /does not match the extension of the filename `photo\.png`/,
    });
    await expectApiError(notion.fileUploads.create({ filename: "x".repeat(901) }), {
      status: 400,
      code: "validation_error",
      message: /body\.filename should be a string of at most 900 bytes/,
    });
    await expectApiError(notion.fileUploads.create({ mode: "bogus" as "single_part" }), {
      status: 400,
      code: "validation_error",
      message: /body\.mode should be `"single_part"`/,
    });
  });
});

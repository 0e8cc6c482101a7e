import { describe, expect, it } from "vitest";
import type { Quire } from "../../../src/testing/index.ts";
import { NOT_FOUND, codeOf, quiet, start } from "../harness/support.ts";
import { expectSignedFile, uploaded } from "./upload-fixtures.ts";

function harness(quire: Quire, path: string, body?: unknown) {
  return fetch(`${quire.url}/__quire${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${quire.harnessToken ?? ""}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("file uploads and the harness state", () => {
  it("a snapshot restored after a reset brings attachments back, with their bytes", async () => {
    const quire = await start();
    const notion = quiet(quire);
    const page = await notion.pages.create({ parent: { workspace: true } });
    const id = await uploaded(notion, "kept.txt", "kept bytes", "text/plain");
    await notion.blocks.children.append({
      block_id: page.id,
      children: [{ file: { type: "file_upload", file_upload: { id } } }],
    });
    expect((await harness(quire, "/snapshots", { name: "with-file" })).status).toBe(200);
    expect((await harness(quire, "/reset")).status).toBe(200);
    expect(await codeOf(notion.fileUploads.retrieve({ file_upload_id: id }))).toBe(NOT_FOUND);
    // After the reset the signing key is still there: pages read and new uploads attach.
    const fresh = await notion.pages.create({ parent: { workspace: true } });
    const later = await uploaded(notion, "later.txt", "later", "text/plain");
    await notion.pages.update({
      page_id: fresh.id,
      icon: { type: "file_upload", file_upload: { id: later } },
    });

    expect((await harness(quire, "/snapshots/with-file/restore")).status).toBe(200);
    const [block] = (await notion.blocks.children.list({ block_id: page.id })).results;
    const { url } = expectSignedFile((block as { file: unknown }).file, quire.url);
    expect(await (await fetch(url)).text()).toBe("kept bytes");
    expect(await notion.fileUploads.retrieve({ file_upload_id: id })).toMatchObject({
      status: "uploaded",
      expiry_time: null,
    });
  });
});

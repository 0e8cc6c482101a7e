import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { addPerson } from "../../src/services/identity/account-service.ts";
import { chromiumRunnable, serverAndBrowser } from "./browser-suite.ts";

/** The web UI item: a person sets a page's cover from the browser, and the API reads it back. */
const PASSWORD = "a long enough password";

/** A real 2×1 PNG (signature, IHDR, IDAT, IEND; CRCs computed), so the browser can decode it. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const pixels = Buffer.from([0, 200, 40, 40, 40, 40, 200]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe.skipIf(!chromiumRunnable)("a page cover from the browser", () => {
  const suite = serverAndBrowser();

  it("uploads an image as the cover; the SDK reads a file_upload-backed file cover with the same bytes", async () => {
    const ws = await suite.server.workspace();
    await addPerson(suite.server.ctx, {
      email: "cover-member@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const notion = ws.client();
    const created = await notion.pages.create({
      parent: { workspace: true },
      properties: { title: { title: [{ text: { content: "Trip notes" } }] } },
    });

    const page = await (await suite.browser.newContext()).newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${suite.server.url}/sign-in`);
    await page.getByLabel("Email").fill("cover-member@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(`${suite.server.url}/pages/${created.id}`);
    const image = png();
    await page.getByLabel("Set", { exact: true }).selectOption("cover");
    await page.getByLabel("Image", { exact: true }).setInputFiles({
      name: "beach.png",
      mimeType: "image/png",
      buffer: image,
    });
    await page.getByRole("button", { name: "Set image" }).click();
    const cover = page.getByRole("img", { name: "Page cover" });
    await cover.waitFor();
    // The browser decoded it from Quire's signed URL.
    expect(await cover.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(2);

    const read = await notion.pages.retrieve({ page_id: created.id });
    if (!("cover" in read) || read.cover?.type !== "file") throw new Error("the cover is not a file");
    const { url } = read.cover.file;
    const uploadId = /\/files\/([0-9a-f-]{36})\?/.exec(url)?.[1] ?? "";
    expect(await notion.fileUploads.retrieve({ file_upload_id: uploadId })).toMatchObject({
      status: "uploaded",
      filename: "beach.png",
      content_type: "image/png",
      content_length: image.length,
      expiry_time: null,
    });
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(image)).toBe(true);
    expect(errors).toEqual([]);
  });
});

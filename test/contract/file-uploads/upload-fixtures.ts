import type { Client } from "@notionhq/client";
import { expect } from "vitest";

/** A single_part upload of `content`, sent and ready to attach. */
export async function uploaded(
  notion: Client,
  filename: string,
  content: string | Uint8Array,
  type: string,
): Promise<string> {
  const { id } = await notion.fileUploads.create({ filename, content_type: type });
  const data = new Blob([typeof content === "string" ? content : Buffer.from(content)], { type });
  await notion.fileUploads.send({ file_upload_id: id, file: { filename, data } });
  return id;
}

/** What reads must show instead of the upload reference: Quire's signed, expiring URL. */
export function expectSignedFile(source: unknown, baseUrl: string): { url: string; expiry_time: string } {
  expect(source).toMatchObject({
    type: "file",
    file: { url: expect.any(String), expiry_time: expect.any(String) },
  });
  const file = (source as { file: { url: string; expiry_time: string } }).file;
  expect(file.url.startsWith(`${baseUrl}/files/`)).toBe(true);
  expect(file.url).toMatch(/[?&]signature=/);
  return file;
}

/** No read shows the internal reference once attached (the whole response, as JSON). */
export function expectNoUploadRefs(response: unknown): void {
  expect(JSON.stringify(response)).not.toContain('"file_upload"');
}

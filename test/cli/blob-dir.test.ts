import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { client, databaseFlags, kill, quire, start, tokenIn } from "./run-cli.ts";

/** Uploads `bytes` as a PNG and makes it a new page's cover; returns the upload's and the page's ids. */
async function coverPage(notion: Client, bytes: string): Promise<{ uploadId: string; pageId: string }> {
  const { id } = await notion.fileUploads.create({ filename: "cover.png" });
  await notion.fileUploads.send({
    file_upload_id: id,
    file: { filename: "cover.png", data: new Blob([bytes], { type: "image/png" }) },
  });
  const page = await notion.pages.create({
    parent: { workspace: true },
    properties: {},
    cover: { type: "file_upload", file_upload: { id } },
  });
  return { uploadId: id, pageId: page.id };
}

async function coverBytes(notion: Client, pageId: string): Promise<string> {
  const page = await notion.pages.retrieve({ page_id: pageId });
  if (!("cover" in page) || page.cover?.type !== "file") throw new Error("the cover is not a file");
  return (await fetch(page.cover.file.url)).text();
}

const named = async (dir: string, id: string) =>
  (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(`${id}.`));

describe("quire serve --blob-dir", () => {
  it("stores new uploads in the directory, serves them after a restart, and still serves older files", async () => {
    const flags = await databaseFlags();
    const dataDir = flags[flags.indexOf("--data") + 1] ?? "";
    const blobDir = await mkdtemp(join(tmpdir(), "quire-blobs-"));

    const first = await start([...flags, "--no-demo"]);
    const token = tokenIn(first.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
    const before = await coverPage(client(first.url, token), "written before --blob-dir");
    await kill(first);

    const second = await start([...flags, "--no-demo", "--blob-dir", blobDir]);
    const after = await coverPage(client(second.url, token), "written under --blob-dir");
    const [blob = ""] = await named(blobDir, after.uploadId);
    expect(await readFile(join(blobDir, blob), "utf8")).toBe("written under --blob-dir");
    expect(await named(join(dataDir, "files"), after.uploadId)).toEqual([]);
    expect(await named(blobDir, before.uploadId)).toEqual([]);
    await kill(second);

    // The environment variable names the same setting.
    process.env.QUIRE_BLOB_DIR = blobDir;
    const third = await start([...flags, "--no-demo"]).finally(() => delete process.env.QUIRE_BLOB_DIR);
    const notion = client(third.url, token);
    expect(await coverBytes(notion, after.pageId)).toBe("written under --blob-dir");
    expect(await coverBytes(notion, before.pageId)).toBe("written before --blob-dir");
  }, 120_000); // three server starts
});

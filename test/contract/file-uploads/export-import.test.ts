import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportWorkspace } from "../../../src/services/io/export-service.ts";
import { importExport } from "../../../src/services/io/import-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { ownerViewer } from "../io/support.ts";
import { text } from "../helpers.ts";
import { expectSignedFile, uploaded } from "./upload-fixtures.ts";

let server: TestServer;
let dir = "";
beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(join(tmpdir(), "quire-files-io-"));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const PNG = Buffer.from("89504e470d0a1a0a0000", "hex");

describe("export and import carry attachments", () => {
  it("writes files beside the page's Markdown, and an import makes uploads of them again", async () => {
    const from = await server.workspace();
    const notion = from.client();
    const icon = await uploaded(notion, "icon.png", PNG, "image/png");
    const page = await notion.pages.create({
      parent: { workspace: true },
      properties: { title: { title: text("Album") } },
      icon: { type: "file_upload", file_upload: { id: icon } },
    });
    const image = await uploaded(notion, "photo.png", PNG, "image/png");
    const doc = await uploaded(notion, "notes.txt", "some notes", "text/plain");
    await notion.blocks.children.append({
      block_id: page.id,
      children: [
        { image: { type: "file_upload", file_upload: { id: image }, caption: text("Photo") } },
        { file: { type: "file_upload", file_upload: { id: doc } } },
      ],
    });
    await exportWorkspace(server.ctx, ownerViewer(from), dir);
    const compact = page.id.replace(/-/g, "");
    const folder = `Album ${compact}`;
    expect((await readdir(join(dir, folder))).sort()).toEqual([
      `${icon.replace(/-/g, "")} icon.png`,
      "notes.txt",
      "photo.png",
    ]);
    expect((await readFile(join(dir, folder, "photo.png"))).equals(PNG)).toBe(true);
    const markdown = await readFile(join(dir, `${folder}.md`), "utf8");
    expect(markdown).toContain(`![Photo](Album%20${compact}/photo.png)`);
    expect(markdown).not.toContain("file-upload://");

    const to = await server.workspace();
    const report = await importExport(server.ctx, ownerViewer(to), dir);
    const root = report.roots[0];
    if (!root) throw new Error("nothing imported");
    const blocks = (await to.client().blocks.children.list({ block_id: root.id })).results as Array<{
      type: string;
      image?: unknown;
      file?: unknown;
    }>;
    const imageBlock = blocks.find((b) => b.type === "image");
    const fileBlock = blocks.find((b) => b.type === "file");
    const imageUrl = expectSignedFile(imageBlock?.image, server.url).url;
    expect(Buffer.from(await (await fetch(imageUrl)).arrayBuffer()).equals(PNG)).toBe(true);
    expect(await (await fetch(expectSignedFile(fileBlock?.file, server.url).url)).text()).toBe("some notes");
    const importedIcon = (await to.client().pages.retrieve({ page_id: root.id })) as { icon?: unknown };
    const iconUrl = expectSignedFile(importedIcon.icon, server.url).url;
    expect(Buffer.from(await (await fetch(iconUrl)).arrayBuffer()).equals(PNG)).toBe(true);
    // New uploads of the importing workspace, not the exporting one's.
    expect(imageUrl).not.toContain(image);
  });
});

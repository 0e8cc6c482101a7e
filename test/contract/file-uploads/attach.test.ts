import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, fullBlock, fullPage, text, workspacePage } from "../helpers.ts";
import { fullDatabase } from "../databases/fixtures.ts";
import { expectNoUploadRefs, expectSignedFile, uploaded } from "./upload-fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("attaching file uploads", () => {
  it("shows media blocks as signed files that serve the bytes, on every Notion-Version", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion);
    const image = await uploaded(notion, "pixel.png", PNG, "image/png");
    const pdf = await uploaded(notion, "report.pdf", "%PDF-1.4 body", "application/pdf");
    const appended = await notion.blocks.children.append({
      block_id: root.id,
      children: [
        { image: { type: "file_upload", file_upload: { id: image }, caption: text("A pixel") } },
        { file: { type: "file_upload", file_upload: { id: pdf }, name: "report.pdf" } },
        { pdf: { type: "file_upload", file_upload: { id: pdf } } },
      ],
    });
    expectNoUploadRefs(appended);
    const [imageBlock, fileBlock] = appended.results.map(fullBlock);
    if (imageBlock?.type !== "image" || fileBlock?.type !== "file") throw new Error("unexpected blocks");
    expect(imageBlock.image.caption.map((t) => t.plain_text)).toEqual(["A pixel"]);
    expect(fileBlock.file.name).toBe("report.pdf");
    const { url } = expectSignedFile(imageBlock.image, server.url);

    for (const version of ["2022-06-28", "2025-09-03", "2026-03-11"]) {
      const listed = await ws.client(ws.token, version).blocks.children.list({ block_id: root.id });
      expectNoUploadRefs(listed);
      expectSignedFile((listed.results[0] as { image: unknown }).image, server.url);
    }
    const v4 = await ws.clientV4().blocks.retrieve({ block_id: imageBlock.id });
    expectNoUploadRefs(v4);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-length")).toBe(String(PNG.length));
    expect(response.headers.get("content-disposition")).toContain('filename="pixel.png"');
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);

    const ranged = await fetch(url, { headers: { range: "bytes=2-5" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 2-5/${PNG.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(PNG.subarray(2, 6))).toBe(true);
    expect((await fetch(url, { headers: { range: "bytes=999-" } })).status).toBe(416);

    const tampered = url.replace(/signature=[^&]+/, "signature=AAAA");
    expect((await fetch(tampered)).status).toBe(403);
    const otherFile = url.replace(image, pdf);
    expect((await fetch(otherFile)).status).toBe(403);
    const stretched = url.replace(/expires=\d+/, (m) => `expires=${Number(m.slice(8)) + 1}`);
    expect((await fetch(stretched)).status).toBe(403);

    const after = await notion.fileUploads.retrieve({ file_upload_id: image });
    expect(after).toMatchObject({ status: "uploaded", expiry_time: null });
  });

  it("updates a media block to another upload", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion);
    const first = await uploaded(notion, "a.png", PNG, "image/png");
    const second = await uploaded(notion, "b.png", PNG, "image/png");
    const created = await notion.blocks.children.append({
      block_id: root.id,
      children: [{ image: { type: "file_upload", file_upload: { id: first } } }],
    });
    const blockId = created.results[0]?.id ?? "";
    const updated = await notion.blocks.update({ block_id: blockId, image: { file_upload: { id: second } } });
    expectNoUploadRefs(updated);
    const { url } = expectSignedFile((updated as { image: unknown }).image, server.url);
    expect(url).toContain(second);
  });

  it("attaches to page icons and covers, files properties and database icons", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion);
    const icon = await uploaded(notion, "icon.png", PNG, "image/png");
    const cover = await uploaded(notion, "cover.png", PNG, "image/png");
    const doc = await uploaded(notion, "notes.txt", "some notes", "text/plain");
    const page = fullPage(
      await notion.pages.create({
        parent: { page_id: root.id },
        properties: { title: { title: text("With files") } },
        icon: { type: "file_upload", file_upload: { id: icon } },
        cover: { type: "file_upload", file_upload: { id: cover } },
        children: [{ video: { type: "file_upload", file_upload: { id: doc } } }],
      }),
    );
    expectNoUploadRefs(page);
    expectSignedFile(page.icon, server.url);
    expectSignedFile(page.cover, server.url);

    const database = fullDatabase(
      await notion.databases.create({
        parent: { type: "page_id", page_id: root.id },
        title: text("Docs"),
        icon: { type: "file_upload", file_upload: { id: icon } },
        cover: { type: "file_upload", file_upload: { id: cover } },
        initial_data_source: { properties: { Name: { title: {} }, Attachments: { files: {} } } },
      }),
    );
    expectNoUploadRefs(database);
    expectSignedFile(database.icon, server.url);
    const dataSourceId = database.data_sources[0]?.id ?? "";
    const row = fullPage(
      await notion.pages.create({
        parent: { type: "data_source_id", data_source_id: dataSourceId },
        properties: {
          Name: { title: text("Row") },
          Attachments: { files: [{ type: "file_upload", file_upload: { id: doc }, name: "notes.txt" }] },
        },
      }),
    );
    expectNoUploadRefs(row);
    const files = row.properties.Attachments;
    if (files?.type !== "files") throw new Error("no files property");
    expect(files.files[0]?.name).toBe("notes.txt");
    const { url } = expectSignedFile(files.files[0], server.url);
    expect(await (await fetch(url)).text()).toBe("some notes");

    for (const version of ["2022-06-28", "2025-09-03", "2026-03-11"]) {
      const client = ws.client(ws.token, version);
      expectNoUploadRefs(await client.pages.retrieve({ page_id: row.id }));
      expectNoUploadRefs(await client.pages.retrieve({ page_id: page.id }));
      expectNoUploadRefs(await client.databases.retrieve({ database_id: database.id }));
      expectNoUploadRefs(await client.search({ query: "" }));
      const item = await client.pages.properties.retrieve({ page_id: row.id, property_id: files.id });
      expectNoUploadRefs(item);
    }
    expectNoUploadRefs(await notion.dataSources.query({ data_source_id: dataSourceId }));
    expectNoUploadRefs(await ws.clientV4().databases.query({ database_id: database.id }));
  });

  it("attaches to comments with the category of the file", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion);
    const image = await uploaded(notion, "shot.png", PNG, "image/png");
    const pdf = await uploaded(notion, "spec.pdf", "%PDF", "application/pdf");
    const comment = await notion.comments.create({
      parent: { page_id: root.id },
      rich_text: text("see attached"),
      attachments: [{ file_upload_id: image }, { file_upload_id: pdf }],
    });
    expectNoUploadRefs(comment);
    const listed = await notion.comments.list({ block_id: root.id });
    const attachments = (
      listed.results[0] as { attachments?: Array<{ category: string; file: { url: string } }> }
    ).attachments;
    expect(attachments?.map((a) => a.category)).toEqual(["image", "pdf"]);
    expect((await fetch(attachments?.[1]?.file.url ?? "")).status).toBe(200);
  });

  it("refuses uploads that are unknown, not sent yet, or another workspace's, and stores nothing", async () => {
    const ws = await server.workspace();
    const other = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion);
    const pending = (await notion.fileUploads.create({ filename: "x.png" })).id;
    const foreign = await uploaded(other.client(), "y.png", PNG, "image/png");
    await expectApiError(
      notion.blocks.children.append({
        block_id: root.id,
        children: [{ image: { type: "file_upload", file_upload: { id: pending } } }],
      }),
      { status: 400, code: "validation_error", message: /only `uploaded` files can be attached/ },
    );
    await expectApiError(
      notion.pages.update({ page_id: root.id, icon: { type: "file_upload", file_upload: { id: foreign } } }),
      { status: 400, code: "validation_error", message: `Could not find file upload with ID: ${foreign}.` },
    );
    expect((await notion.blocks.children.list({ block_id: root.id })).results).toEqual([]);
    expect(fullPage(await notion.pages.retrieve({ page_id: root.id })).icon).toBeNull();
    expect(await other.client().fileUploads.retrieve({ file_upload_id: foreign })).toMatchObject({
      expiry_time: expect.any(String),
    });
  });
});

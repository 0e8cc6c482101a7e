import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { text, workspacePage } from "../helpers.ts";
import { csrfOf, webSignIn } from "../web/web-session.ts";
import { uploaded } from "./upload-fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PNG = Buffer.from("89504e470d0a1a0a", "hex");

describe("files in the web UI", () => {
  it("shows uploaded images inline and other files as named attachments, through signed URLs", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion, "Gallery");
    const image = await uploaded(notion, "cat.png", PNG, "image/png");
    const doc = await uploaded(notion, "minutes.pdf", "%PDF", "application/pdf");
    await notion.blocks.children.append({
      block_id: root.id,
      children: [
        { image: { type: "file_upload", file_upload: { id: image }, caption: text("The cat") } },
        { file: { type: "file_upload", file_upload: { id: doc }, name: "minutes.pdf" } },
      ],
    });
    await addPerson(server.ctx, {
      email: "files-owner@example.com",
      password: "a long enough password",
      workspaceId: ws.id,
      role: "owner",
    });
    const owner = await webSignIn(server, "files-owner@example.com", "a long enough password");
    const shown = await owner.get(`/pages/${root.id}`);
    expect(shown.status).toBe(200);
    const src = /<img src="([^"]+)"/.exec(shown.text)?.[1]?.replace(/&amp;/g, "&") ?? "";
    expect(src.startsWith(`${server.url}/files/${image}?`)).toBe(true);
    const served = await fetch(src);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(shown.text).toMatch(
      /<p class="attachment">📎 <a href="[^"]+\/files\/[^"]+"[^>]*>minutes\.pdf<\/a><\/p>/,
    );
    expect(shown.text).not.toContain("file_upload");

    const database = await notion.databases.create({
      parent: { type: "page_id", page_id: root.id },
      title: text("Docs"),
      initial_data_source: { properties: { Name: { title: {} }, Attachments: { files: {} } } },
    });
    const sourceId = ("data_sources" in database ? database.data_sources[0]?.id : undefined) ?? "";
    await notion.pages.create({
      parent: { type: "data_source_id", data_source_id: sourceId },
      properties: {
        Name: { title: text("Row") },
        Attachments: { files: [{ type: "file_upload", file_upload: { id: doc }, name: "minutes.pdf" }] },
      },
    });
    const table = await owner.get(`/pages/${database.id}`);
    const link = /<a href="([^"]+)" rel="noopener noreferrer">minutes\.pdf<\/a>/.exec(table.text)?.[1] ?? "";
    expect(link.startsWith(`${server.url}/files/${doc}?`)).toBe(true);
    expect((await fetch(link.replace(/&amp;/g, "&"))).status).toBe(200);
  });

  it("takes a file uploaded from the browser as an image or a file block, with the form's CSRF token", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const root = await workspacePage(notion, "Uploads");
    await addPerson(server.ctx, {
      email: "files-uploader@example.com",
      password: "a long enough password",
      workspaceId: ws.id,
      role: "member",
    });
    const member = await webSignIn(server, "files-uploader@example.com", "a long enough password");
    const shown = await member.get(`/pages/${root.id}`);
    expect(shown.text).toContain('enctype="multipart/form-data"');
    const post = (fields: Record<string, string>, file: Blob, name: string) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      form.append("file", file, name);
      return fetch(`${server.url}/pages/${root.id}/files`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: member.cookie },
        body: form,
      });
    };
    const forged = await post({ as: "image" }, new Blob([PNG], { type: "image/png" }), "forged.png");
    expect(forged.status).toBe(403);
    expect((await notion.blocks.children.list({ block_id: root.id })).results).toEqual([]);

    const csrf = csrfOf(shown.text);
    const image = await post({ _csrf: csrf, as: "image" }, new Blob([PNG], { type: "image/png" }), "up.png");
    expect(image.status).toBe(303);
    const doc = await post({ _csrf: csrf, as: "file" }, new Blob(["a report"]), "report.txt");
    expect(doc.status).toBe(303);
    const blocks = (await notion.blocks.children.list({ block_id: root.id })).results as Array<{
      type: string;
      image?: { file: { url: string } };
      file?: { name: string; file: { url: string } };
    }>;
    expect(blocks.map((b) => b.type)).toEqual(["image", "file"]);
    expect(Buffer.from(await (await fetch(blocks[0]?.image?.file.url ?? "")).arrayBuffer()).equals(PNG)).toBe(
      true,
    );
    expect(blocks[1]?.file?.name).toBe("report.txt");
    expect(await (await fetch(blocks[1]?.file?.file.url ?? "")).text()).toBe("a report");
    const after = await member.get(`/pages/${root.id}`);
    expect(after.text).toMatch(/<img src="[^"]+\/files\//);

    // The page header's form: an image becomes the icon; a file that is not one is refused, unstored.
    const uploadsBefore = (await notion.fileUploads.list({})).results.length;
    const notImage = await post({ _csrf: csrf, as: "cover" }, new Blob(["text"]), "notes.txt");
    expect(notImage.status).toBe(400);
    expect(await notImage.text()).toContain("A page cover must be an image.");
    expect((await notion.fileUploads.list({})).results.length).toBe(uploadsBefore);
    const icon = await post({ _csrf: csrf, as: "icon" }, new Blob([PNG], { type: "image/png" }), "i.png");
    expect(icon.status).toBe(303);
    const page = await notion.pages.retrieve({ page_id: root.id });
    if (!("icon" in page) || page.icon?.type !== "file") throw new Error("the icon is not a file");
    expect(Buffer.from(await (await fetch(page.icon.file.url)).arrayBuffer()).equals(PNG)).toBe(true);
    const header = await member.get(`/pages/${root.id}`);
    expect(header.text).toMatch(/<img class="page-icon" src="[^"]+\/files\/[^"]+" alt="Page icon"/);
  });
});

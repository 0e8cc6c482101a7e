import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { text, workspacePage } from "../helpers.ts";
import { webSignIn } from "../web/web-session.ts";
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
  });
});

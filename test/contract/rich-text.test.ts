import type { BlockObjectRequest, Client, RichTextItemResponse } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { childPage, expectApiError, fullBlock, text, workspacePage } from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type RichTextRequest = Extract<BlockObjectRequest, { paragraph: unknown }>["paragraph"]["rich_text"];

/** Appends one paragraph with `richText` and returns it as blocks.retrieve serves it. */
async function roundTrip(
  client: Client,
  pageId: string,
  richText: RichTextRequest,
): Promise<RichTextItemResponse[]> {
  const { results } = await client.blocks.children.append({
    block_id: pageId,
    children: [{ paragraph: { rich_text: richText } }],
  });
  const block = fullBlock(await client.blocks.retrieve({ block_id: results[0]?.id ?? "" }));
  if (block.type !== "paragraph") throw new Error(`expected a paragraph, got ${block.type}`);
  return block.paragraph.rich_text;
}

describe("rich text", () => {
  it("serves annotations, links and href", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const items = await roundTrip(client, page.id, [
      { text: { content: "bold red " }, annotations: { bold: true, color: "red" } },
      {
        type: "text",
        text: { content: "a link", link: { url: "https://example.com/x" } },
        annotations: { code: true },
      },
    ]);
    expect(items).toEqual([
      {
        type: "text",
        text: { content: "bold red ", link: null },
        annotations: {
          bold: true,
          italic: false,
          strikethrough: false,
          underline: false,
          code: false,
          color: "red",
        },
        plain_text: "bold red ",
        href: null,
      },
      {
        type: "text",
        text: { content: "a link", link: { url: "https://example.com/x" } },
        annotations: {
          bold: false,
          italic: false,
          strikethrough: false,
          underline: false,
          code: true,
          color: "default",
        },
        plain_text: "a link",
        href: "https://example.com/x",
      },
    ]);
  });

  it("serves an inline equation with its expression as plain text", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [item] = await roundTrip(client, page.id, [{ equation: { expression: "x^2" } }]);
    expect(item).toMatchObject({
      type: "equation",
      equation: { expression: "x^2" },
      plain_text: "x^2",
      href: null,
    });
  });

  it("renders a user mention as @name", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [item] = await roundTrip(client, page.id, [{ mention: { user: { id: ws.ownerId } } }]);
    expect(item).toMatchObject({
      type: "mention",
      mention: { type: "user", user: { object: "user", id: ws.ownerId } },
      plain_text: "@Test Owner",
      href: null,
    });
  });

  it("renders a page mention as the page's title with its url", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const target = await childPage(client, page.id, "Meeting notes");
    const [item] = await roundTrip(client, page.id, [{ mention: { page: { id: target.id } } }]);
    expect(item).toMatchObject({
      type: "mention",
      mention: { type: "page", page: { id: target.id } },
      plain_text: "Meeting notes",
      href: target.url,
    });
  });

  it("renders a page mention with the page's current title after a rename", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const target = await childPage(client, page.id, "Old title");
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ paragraph: { rich_text: [{ mention: { page: { id: target.id } } }] } }],
    });
    await client.pages.update({ page_id: target.id, properties: { title: { title: text("New title") } } });
    const block = fullBlock(await client.blocks.retrieve({ block_id: results[0]?.id ?? "" }));
    expect(block.type === "paragraph" && block.paragraph.rich_text[0]?.plain_text).toBe("New title");
  });

  it("serves date and template mentions", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const items = await roundTrip(client, page.id, [
      { mention: { date: { start: "2024-05-01", end: "2024-05-03" } } },
      { mention: { template_mention: { type: "template_mention_date", template_mention_date: "today" } } },
      { mention: { template_mention: { type: "template_mention_user", template_mention_user: "me" } } },
    ]);
    expect(items.map((i) => i.type === "mention" && i.mention)).toEqual([
      { type: "date", date: { start: "2024-05-01", end: "2024-05-03", time_zone: null } },
      {
        type: "template_mention",
        template_mention: { type: "template_mention_date", template_mention_date: "today" },
      },
      {
        type: "template_mention",
        template_mention: { type: "template_mention_user", template_mention_user: "me" },
      },
    ]);
  });

  it("mentions in a page title resolve like those in blocks", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client, "Linked");
    const created = await client.pages.create({
      parent: { page_id: page.id },
      properties: {
        title: { title: [{ text: { content: "See " } }, { mention: { page: { id: page.id } } }] },
      },
    });
    const retrieved = await client.pages.retrieve({ page_id: created.id });
    expect("properties" in retrieved && retrieved.properties["title"]).toMatchObject({
      type: "title",
      title: [
        { plain_text: "See " },
        { type: "mention", plain_text: "Linked", mention: { page: { id: page.id } } },
      ],
    });
  });

  it("takes 100 rich text items and refuses 101, naming the path", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ text: { content: `${i},` } }));
    const hundred = await roundTrip(client, page.id, items(100));
    expect(hundred).toHaveLength(100);
    expect(hundred[99]?.plain_text).toBe("99,");
    await expectApiError(
      client.blocks.children.append({
        block_id: page.id,
        children: [{ paragraph: { rich_text: items(101) } }],
      }),
      {
        status: 400,
        code: "validation_error",
        message:
          "body failed validation: body.children[0].paragraph.rich_text.length should be ≤ `100`, instead was `101`.",
      },
    );
  });

  it("takes exactly 2000 characters of text content", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const [item] = await roundTrip(client, page.id, text("y".repeat(2000)));
    expect(item?.plain_text).toHaveLength(2000);
  });

  it("refuses a link that is not a URL", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await expectApiError(
      client.blocks.children.append({
        block_id: page.id,
        children: [{ paragraph: { rich_text: [{ text: { content: "x", link: { url: "not a url" } } }] } }],
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.children\[0\]\.paragraph\.rich_text\[0\]\.text\.link\.url/,
      },
    );
  });
});

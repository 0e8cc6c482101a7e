import type { BlockObjectRequest } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import {
  blockContent,
  childPage,
  children,
  compact,
  expectApiError,
  fullPage,
  pageTitle,
  text,
  workspacePage,
} from "../helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const rich = (content: string, annotations: Record<string, unknown> = {}, link?: string) => ({
  type: "text" as const,
  text: { content, ...(link ? { link: { url: link } } : {}) },
  annotations,
});

/** One of every block type that has markdown syntax, with annotations, colors, mentions and equations. */
function everyBlock(userId: string, mentionedPageId: string): BlockObjectRequest[] {
  return [
    { heading_1: { rich_text: text("Heading one"), color: "blue" } },
    {
      heading_2: {
        rich_text: text("Toggle heading"),
        is_toggleable: true,
        children: [{ paragraph: { rich_text: text("inside the heading") } }],
      },
    },
    { heading_3: { rich_text: text("Heading three") } },
    { heading_4: { rich_text: text("Heading four") } },
    {
      paragraph: {
        rich_text: [
          rich("bold", { bold: true }),
          rich(" "),
          rich("italic", { italic: true }),
          rich(" "),
          rich("strike", { strikethrough: true }),
          rich(" "),
          rich("under", { underline: true }),
          rich(" "),
          rich("code", { code: true }),
          rich(" "),
          rich("red", { color: "red" }),
          rich(" "),
          rich("yellow bg", { color: "yellow_background" }),
          rich(" "),
          rich("link", {}, "https://example.com/a"),
          rich(" *literal* [brackets] $5 <tag> "),
          { type: "equation", equation: { expression: "e^{i\\pi}+1=0" } },
          rich(" "),
          { type: "mention", mention: { user: { id: userId } } },
          rich(" "),
          { type: "mention", mention: { page: { id: mentionedPageId } } },
          rich(" "),
          { type: "mention", mention: { date: { start: "2024-05-01", end: "2024-05-03" } } },
        ],
        color: "gray_background",
      },
    },
    {
      bulleted_list_item: {
        rich_text: text("bullet"),
        children: [{ bulleted_list_item: { rich_text: text("nested bullet") } }],
      },
    },
    { numbered_list_item: { rich_text: text("first") } },
    { numbered_list_item: { rich_text: text("second") } },
    { to_do: { rich_text: text("open task") } },
    { to_do: { rich_text: text("done task"), checked: true } },
    { quote: { rich_text: text("a quote\nsecond line"), color: "purple" } },
    {
      toggle: {
        rich_text: text("Toggle"),
        color: "green",
        children: [
          { paragraph: { rich_text: text("hidden") } },
          { code: { rich_text: text("nested code"), language: "plain text" } },
        ],
      },
    },
    {
      callout: {
        rich_text: text("Note this"),
        icon: { type: "emoji", emoji: "💡" },
        color: "gray_background",
        children: [{ paragraph: { rich_text: text("callout child") } }],
      },
    },
    { code: { rich_text: text("const x = 1;\nconsole.log(`${x}`);"), language: "typescript" } },
    { equation: { expression: "\\int_0^1 x\\,dx" } },
    { divider: {} },
    {
      table: {
        table_width: 2,
        has_column_header: true,
        has_row_header: false,
        children: [
          { table_row: { cells: [text("Name"), text("Value")] } },
          { table_row: { cells: [[rich("a", { bold: true })], text("1")] } },
        ],
      },
    },
    {
      column_list: {
        children: [
          { column: { children: [{ paragraph: { rich_text: text("left") } }] } },
          { column: { children: [{ paragraph: { rich_text: text("right") } }] } },
        ],
      },
    },
    { image: { external: { url: "https://example.com/cat.png" }, caption: text("A cat") } },
    { video: { external: { url: "https://example.com/v.mp4" } } },
    { audio: { external: { url: "https://example.com/a.mp3" } } },
    { pdf: { external: { url: "https://example.com/doc.pdf" } } },
    { file: { external: { url: "https://example.com/f.zip" }, caption: text("archive") } },
    { embed: { url: "https://example.com/embed" } },
    { table_of_contents: { color: "gray" } },
    { paragraph: { rich_text: [] } },
    { paragraph: { rich_text: text("# not a heading") } },
  ];
}

/** A block's type-specific content with server-computed fields left out, for comparing copies. */
function comparable(block: { type: string } & Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(blockContent(block as never)), (key, value: unknown) =>
    key === "href" || key === "plain_text" || key === "name" ? undefined : value,
  );
}

async function tree(
  client: ReturnType<Awaited<ReturnType<TestServer["workspace"]>>["client"]>,
  id: string,
): Promise<unknown[]> {
  const blocks = await children(client, id);
  return Promise.all(
    blocks.map(async (b) => ({
      type: b.type,
      content: comparable(b as never),
      children: b.has_children ? await tree(client, b.id) : [],
    })),
  );
}

describe("pages.retrieveMarkdown", () => {
  it("renders every block type, annotations, colors and mentions as Notion-flavored Markdown", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client, "Root");
    const target = await childPage(client, root.id, "Target Page");
    await client.blocks.children.append({ block_id: root.id, children: everyBlock(ws.ownerId, target.id) });
    const result = await client.pages.retrieveMarkdown({ page_id: root.id });
    expect(result).toMatchObject({
      object: "page_markdown",
      id: root.id,
      truncated: false,
      unknown_block_ids: [],
    });
    const lines = result.markdown.split("\n");
    expect(lines).toContain('# Heading one {color="blue"}');
    expect(lines).toContain('## Toggle heading {toggle="true"}');
    expect(lines).toContain("\tinside the heading");
    expect(lines).toContain("- [x] done task");
    expect(lines).toContain('> a quote<br>second line {color="purple"}');
    expect(lines).toContain('<details color="green">');
    expect(lines).toContain('<callout icon="💡" color="gray_bg">');
    expect(lines).toContain("```typescript");
    expect(lines).toContain("$$");
    expect(lines).toContain('<table header-row="true">');
    expect(lines).toContain("\t\t<td>**a**</td>");
    expect(lines).toContain("<columns>");
    expect(lines).toContain("![A cat](https://example.com/cat.png)");
    expect(lines).toContain('<embed src="https://example.com/embed"></embed>');
    expect(lines).toContain('<table_of_contents color="gray"/>');
    expect(lines).toContain("<empty-block/>");
    expect(lines).toContain("\\# not a heading");
    expect(lines).toContain(`<page url="${target.url}">Target Page</page>`);
    const paragraph = lines.find((l) => l.startsWith("**bold**")) ?? "";
    expect(paragraph).toContain('<span underline="true">under</span>');
    expect(paragraph).toContain('<span color="yellow_bg">yellow bg</span>');
    expect(paragraph).toContain("[link](https://example.com/a)");
    expect(paragraph).toContain("\\*literal\\* \\[brackets\\] \\$5 \\<tag\\>");
    expect(paragraph).toContain("$`e^{i\\pi}+1=0`$");
    expect(paragraph).toContain(`<mention-user url="user://${ws.ownerId}">Test Owner</mention-user>`);
    expect(paragraph).toContain(`<mention-page url="${target.url}">Target Page</mention-page>`);
    expect(paragraph).toContain('<mention-date start="2024-05-01" end="2024-05-03"/>');
    expect(paragraph.endsWith('{color="gray_bg"}')).toBe(true);
  });

  it("round trips: blocks → markdown → a new page's blocks keep the content", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client, "Root");
    const original = await childPage(client, root.id, "Original");
    const target = await childPage(client, root.id, "Target");
    await client.blocks.children.append({
      block_id: original.id,
      children: everyBlock(ws.ownerId, target.id),
    });
    const { markdown } = await client.pages.retrieveMarkdown({ page_id: original.id });
    const copy = fullPage(
      await client.pages.create({
        parent: { page_id: root.id },
        properties: { title: { title: text("Copy") } },
        markdown,
      }),
    );
    expect(pageTitle(copy)).toBe("Copy");
    expect(await tree(client, copy.id)).toEqual(await tree(client, original.id));
    expect((await client.pages.retrieveMarkdown({ page_id: copy.id })).markdown).toBe(markdown);
  });

  it("renders one block and its subtree when given a block id", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: root.id,
      children: [{ toggle: { rich_text: text("T"), children: [{ paragraph: { rich_text: text("x") } }] } }],
    });
    const toggle = results[0]?.id ?? "";
    const result = await client.pages.retrieveMarkdown({ page_id: compact(toggle) });
    expect(result.id).toBe(toggle);
    expect(result.markdown).toBe("<details>\n<summary>T</summary>\n\tx\n</details>");
  });

  it("truncates past the record limit and lists the unknown blocks", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client);
    await client.blocks.children.append({
      block_id: root.id,
      children: ["a", "b", "c", "d"].map((t) => ({ paragraph: { rich_text: text(t) } })),
    });
    const ids = (await children(client, root.id)).map((b) => b.id);
    server.ctx.markdownRecordLimit = 2;
    try {
      const result = await client.pages.retrieveMarkdown({ page_id: root.id });
      expect(result.truncated).toBe(true);
      expect(result.unknown_block_ids).toEqual(ids.slice(2));
      expect(result.markdown.split("\n").slice(0, 2)).toEqual(["a", "b"]);
      expect(result.markdown).toContain(`#${compact(ids[2] ?? "")}" alt="paragraph"/>`);
      const rest = await client.pages.retrieveMarkdown({ page_id: ids[2] ?? "" });
      expect(rest).toMatchObject({ markdown: "c", truncated: false });
    } finally {
      delete server.ctx.markdownRecordLimit;
    }
  });

  it("answers 404 for pages the integration can't see and 403 without read access", async () => {
    const ws = await server.workspace();
    const root = await workspacePage(ws.client());
    const token = await ws.integration("Bot");
    await expectApiError(ws.client(token).pages.retrieveMarkdown({ page_id: root.id }), {
      status: 404,
      code: "object_not_found",
    });
    const writer = await ws.integration("Writer", ["insert"]);
    await ws.share("Writer", root.id);
    await expectApiError(ws.client(writer).pages.retrieveMarkdown({ page_id: root.id }), {
      status: 403,
      code: "restricted_resource",
    });
  });
});

import type { Client } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactId } from "../../src/domain/ids.ts";
import { type TestServer, type TestWorkspace, startTestServer } from "../support/quire.ts";
import { childPage, fullBlock, fullPage, pageTitle, workspacePage } from "../contract/helpers.ts";
import { newTable } from "../contract/databases/fixtures.ts";

/**
 * Issue 20 item 1 and issue 25 item 4: a mention shows the title of its page or database only to readers
 * who can reach it. Everyone else reads what Notion serves for a page it cannot see — "the mention is
 * returned with just the ID. The plain_text value that would be a title appears as "Untitled" and the
 * annotation object's values are defaults" (reference/rich-text) — exactly as for an id that exists
 * nowhere, so a mention tells nothing about what it points at.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const UNKNOWN = "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f";
const BOLD = {
  bold: true,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: "red" as const,
};
const DEFAULTS = { ...BOLD, bold: false, color: "default" };

type Item = { plain_text: string; href: string | null; annotations: unknown; type: string };

/** Root ─ Shared (given to the bot) ─ Visible; Root ─ Hidden page, Hidden db (never given). */
async function world(ws: TestWorkspace) {
  const owner = ws.client();
  const root = await workspacePage(owner, "Root");
  const shared = await childPage(owner, root.id, "Shared");
  const visible = await childPage(owner, shared.id, "Visible");
  const hidden = await childPage(owner, root.id, "Hidden plans");
  const hiddenDb = await newTable(ws, {}, { title: "Hidden ledger", rootId: root.id, client: owner });
  const token = await ws.integration("Mention Bot");
  await ws.share("Mention Bot", shared.id);
  return { owner, bot: ws.client(token), shared, visible, hidden, hiddenDb: hiddenDb.databaseId };
}

function mentions(ids: Record<"visible" | "hidden" | "hiddenDb" | "unknown", string>) {
  const page = (id: string) => ({
    type: "mention" as const,
    mention: { type: "page" as const, page: { id } },
    annotations: BOLD,
  });
  return [
    page(ids.visible),
    page(ids.hidden),
    {
      type: "mention" as const,
      mention: { type: "database" as const, database: { id: ids.hiddenDb } },
      annotations: BOLD,
    },
    page(ids.unknown),
  ];
}

/** The same mentions with words between them, as a title reads: "Visible / Hidden plans / …". */
function spaced(items: ReturnType<typeof mentions>) {
  return items.flatMap((item, i) =>
    i === 0 ? [item] : [{ type: "text" as const, text: { content: " / " } }, item],
  );
}

function richTextOf(response: unknown): Item[] {
  const block = fullBlock(response);
  if (block.type !== "paragraph") throw new Error(`expected a paragraph, got ${block.type}`);
  return block.paragraph.rich_text as Item[];
}

async function paragraphText(client: Client, blockId: string): Promise<Item[]> {
  return richTextOf(await client.blocks.retrieve({ block_id: blockId }));
}

/** What a reader who cannot reach `id` gets: no title, no slug, default annotations. */
const unseen = (id: string) => ({
  plain_text: "Untitled",
  href: `${server.url}/${compactId(id)}`,
  annotations: DEFAULTS,
});

describe("mentions through the reader's access", () => {
  it("a writer who cannot reach a page gets no title back, the same as for an unknown id", async () => {
    const ws = await server.workspace();
    const w = await world(ws);
    const ids = { visible: w.visible.id, hidden: w.hidden.id, hiddenDb: w.hiddenDb, unknown: UNKNOWN };
    const appended = await w.bot.blocks.children.append({
      block_id: w.shared.id,
      children: [{ type: "paragraph", paragraph: { rich_text: mentions(ids) } }],
    });
    const [block] = appended.results;
    const written = richTextOf(block);
    expect(written[0]).toMatchObject({ plain_text: "Visible", annotations: BOLD });
    expect(written.slice(1)).toEqual([
      expect.objectContaining(unseen(w.hidden.id)),
      expect.objectContaining(unseen(w.hiddenDb)),
      expect.objectContaining(unseen(UNKNOWN)),
    ]);
    // Stored without the hidden titles; the owner, who can see them, reads them (and the annotations).
    const asOwner = await paragraphText(w.owner, block?.id ?? "");
    expect(asOwner.map((i) => i.plain_text)).toEqual([
      "Visible",
      "Hidden plans",
      "Hidden ledger",
      "Untitled",
    ]);
    expect(asOwner[1]).toMatchObject({
      annotations: BOLD,
      href: `${server.url}/Hidden-plans-${compactId(w.hidden.id)}`,
    });
    expect((await paragraphText(w.bot, block?.id ?? "")).slice(1)).toEqual(written.slice(1));
  });

  it("titles, markdown and comments written by the bot store no hidden title either", async () => {
    const ws = await server.workspace();
    const w = await world(ws);
    const ids = { visible: w.visible.id, hidden: w.hidden.id, hiddenDb: w.hiddenDb, unknown: UNKNOWN };
    const retitled = fullPage(
      await w.bot.pages.update({
        page_id: w.shared.id,
        properties: { title: { title: spaced(mentions(ids)) } },
      }),
    );
    expect(pageTitle(retitled)).toBe("Visible / Untitled / Untitled / Untitled");
    expect(retitled.url).toBe(`${server.url}/Visible-Untitled-Untitled-Untitled-${compactId(w.shared.id)}`);

    const markdown = await w.bot.pages.updateMarkdown({
      page_id: w.shared.id,
      type: "insert_content",
      insert_content: {
        content: `<mention-page url="${server.url}/${compactId(w.hidden.id)}"/> <mention-database url="${server.url}/${compactId(w.hiddenDb)}"/>`,
      },
    });
    expect(markdown.markdown).not.toMatch(/Hidden/);
    expect(markdown.markdown).toContain(
      `<mention-page url="${server.url}/${compactId(w.hidden.id)}">Untitled</mention-page>`,
    );

    const comment = await w.bot.comments.create({
      parent: { page_id: w.shared.id },
      rich_text: mentions(ids),
    });
    expect(JSON.stringify(comment)).not.toMatch(/Hidden/);
    const ownerComments = await w.owner.comments.list({ block_id: w.shared.id });
    expect(JSON.stringify(ownerComments)).toContain("Hidden ledger");
    const ownerMarkdown = await w.owner.pages.retrieveMarkdown({ page_id: w.shared.id });
    expect(ownerMarkdown.markdown).toContain(">Hidden plans</mention-page>");
  });

  it("the owner's mentions of hidden pages read as unknown ones to the bot, everywhere", async () => {
    const ws = await server.workspace();
    const w = await world(ws);
    const ids = { visible: w.visible.id, hidden: w.hidden.id, hiddenDb: w.hiddenDb, unknown: UNKNOWN };
    const child = fullPage(
      await w.owner.pages.create({
        parent: { type: "page_id", page_id: w.shared.id },
        properties: { title: { title: spaced(mentions(ids)) } },
      }),
    );
    await w.owner.blocks.children.append({
      block_id: w.shared.id,
      children: [{ type: "paragraph", paragraph: { rich_text: mentions(ids) } }],
    });
    await w.owner.comments.create({ parent: { page_id: w.shared.id }, rich_text: mentions(ids) });

    const reads = [
      await w.bot.pages.retrieve({ page_id: child.id }),
      await w.bot.blocks.children.list({ block_id: w.shared.id }),
      await w.bot.pages.retrieveMarkdown({ page_id: w.shared.id }),
      await w.bot.comments.list({ block_id: w.shared.id }),
      await w.bot.search({ query: "Hidden" }),
    ];
    for (const read of reads)
      expect(JSON.stringify(read)).not.toMatch(/Hidden (plans|ledger)|Hidden-plans|Hidden-ledger/);
    const page = fullPage(reads[0]);
    expect(pageTitle(page)).toBe("Visible / Untitled / Untitled / Untitled");
    expect(page.url).toBe(`${server.url}/Visible-Untitled-Untitled-Untitled-${compactId(child.id)}`);
    const children = (reads[1] as { results: Array<{ id: string; child_page?: { title: string } }> }).results;
    expect(children.find((b) => b.id === child.id)?.child_page?.title).toBe(
      "Visible / Untitled / Untitled / Untitled",
    );
    // The title matched "Hidden" only through the mention; the bot must not learn that from search.
    expect((reads[4] as { results: unknown[] }).results).toEqual([]);

    const asOwner = fullPage(await w.owner.pages.retrieve({ page_id: child.id }));
    expect(pageTitle(asOwner)).toBe("Visible / Hidden plans / Hidden ledger / Untitled");
    expect((await w.owner.search({ query: "Hidden plans" })).results.map((r) => r.id)).toContain(child.id);
  });

  it("a page in the trash that the bot can reach keeps its title in mentions", async () => {
    const ws = await server.workspace();
    const w = await world(ws);
    await w.owner.pages.update({ page_id: w.visible.id, in_trash: true });
    const appended = await w.owner.blocks.children.append({
      block_id: w.shared.id,
      children: [
        {
          type: "paragraph",
          paragraph: {
            rich_text: [{ type: "mention", mention: { type: "page", page: { id: w.visible.id } } }],
          },
        },
      ],
    });
    const [item] = await paragraphText(w.bot, appended.results[0]?.id ?? "");
    expect(item).toMatchObject({
      plain_text: "Visible",
      href: `${server.url}/Visible-${compactId(w.visible.id)}`,
    });
  });
});

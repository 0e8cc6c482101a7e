import type { BlockObjectRequest, BlockObjectResponse, UpdateBlockParameters } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import {
  childPage,
  children,
  expectApiError,
  fullBlock,
  text,
  withoutRequestId,
  workspacePage,
} from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function content(block: BlockObjectResponse): Record<string, unknown> {
  return (block as unknown as Record<string, Record<string, unknown>>)[block.type] ?? {};
}

/** An update body without its path parameter (Omit distributed over the SDK's union). */
type Update = UpdateBlockParameters extends infer U
  ? U extends unknown
    ? Omit<U, "block_id">
    : never
  : never;

/** The test's page and a second page under it, for blocks that point at pages. */
interface Ids {
  page: string;
  target: string;
}

interface Case {
  name: string;
  create(ids: Ids): BlockObjectRequest;
  update(ids: Ids): Update;
  /** Fields of the type's content after the update (unlisted fields must be unchanged). */
  changed(ids: Ids): Record<string, unknown>;
}

const CASES: Case[] = [
  {
    name: "paragraph colour keeps its text",
    create: () => ({ paragraph: { rich_text: text("Keep") } }),
    update: () => ({ paragraph: { color: "orange" } }),
    changed: () => ({ color: "orange" }),
  },
  {
    name: "heading becomes toggleable",
    create: () => ({ heading_2: { rich_text: text("Section") } }),
    update: () => ({ heading_2: { rich_text: text("Section"), is_toggleable: true, color: "blue" } }),
    changed: () => ({ is_toggleable: true, color: "blue" }),
  },
  {
    name: "code language",
    create: () => ({ code: { rich_text: text("print(1)"), language: "plain text" } }),
    update: () => ({ code: { language: "python" } }),
    changed: () => ({ language: "python" }),
  },
  {
    name: "callout icon",
    create: () => ({ callout: { rich_text: text("Hi"), icon: { emoji: "🔥" } } }),
    update: () => ({ callout: { icon: { external: { url: "https://example.com/i.png" } } } }),
    changed: () => ({ icon: { type: "external", external: { url: "https://example.com/i.png" } } }),
  },
  {
    name: "numbered list format",
    create: () => ({ numbered_list_item: { rich_text: text("Item") } }),
    // S5 types the update without list_format, but the SDK sends the whole object it is given.
    update: () => ({ numbered_list_item: { list_format: "letters" } }) as unknown as Update,
    changed: () => ({ list_format: "letters" }),
  },
  {
    name: "equation expression",
    create: () => ({ equation: { expression: "x" } }),
    update: () => ({ equation: { expression: "a^2 + b^2 = c^2" } }),
    changed: () => ({ expression: "a^2 + b^2 = c^2" }),
  },
  {
    name: "table of contents colour",
    create: () => ({ table_of_contents: {} }),
    update: () => ({ table_of_contents: { color: "red" } }),
    changed: () => ({ color: "red" }),
  },
  {
    name: "bookmark url keeps its caption",
    create: () => ({ bookmark: { url: "https://example.com/a", caption: text("cap") } }),
    update: () => ({ bookmark: { url: "https://example.com/b" } }),
    changed: () => ({ url: "https://example.com/b" }),
  },
  {
    name: "image source",
    create: () => ({ image: { external: { url: "https://example.com/1.png" } } }),
    update: () => ({ image: { external: { url: "https://example.com/2.png" } } }),
    changed: () => ({ type: "external", external: { url: "https://example.com/2.png" } }),
  },
  {
    name: "file name",
    create: () => ({ file: { external: { url: "https://example.com/f.pdf" }, name: "f.pdf" } }),
    update: () => ({ file: { name: "renamed.pdf" } }),
    changed: () => ({ name: "renamed.pdf" }),
  },
  {
    name: "table row header",
    create: () => ({ table: { table_width: 1, children: [{ table_row: { cells: [text("a")] } }] } }),
    update: () => ({ table: { has_row_header: true } }),
    changed: () => ({ has_row_header: true, table_width: 1 }),
  },
  {
    name: "link_to_page target",
    create: ({ page }) => ({ link_to_page: { page_id: page } }),
    update: ({ target }) => ({ link_to_page: { page_id: target } }),
    changed: ({ target }) => ({ type: "page_id", page_id: target }),
  },
];

describe("blocks.update for each type's own fields", () => {
  it.each(CASES)("$name", async ({ create, update, changed }) => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const target = await childPage(client, page.id, "Target");
    const ids = { page: page.id, target: target.id };
    const { results } = await client.blocks.children.append({ block_id: page.id, children: [create(ids)] });
    const before = fullBlock(results[0]);

    const updated = fullBlock(
      await client.blocks.update({ block_id: before.id, ...update(ids) } as UpdateBlockParameters),
    );
    expect(updated.type).toBe(before.type);
    expect(content(updated)).toEqual({ ...content(before), ...changed(ids) });
    expect(updated.last_edited_time >= before.last_edited_time).toBe(true);
    expect(withoutRequestId(fullBlock(await client.blocks.retrieve({ block_id: before.id })))).toEqual(
      withoutRequestId(updated),
    );
  });

  it("updates a table row's cells", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ table: { table_width: 2, children: [{ table_row: { cells: [text("a"), text("b")] } }] } }],
    });
    const [row] = await children(client, results[0]?.id ?? "");
    const updated = fullBlock(
      await client.blocks.update({ block_id: row?.id ?? "", table_row: { cells: [text("x"), []] } }),
    );
    expect(
      updated.type === "table_row" && updated.table_row.cells.map((c) => c.map((i) => i.plain_text)),
    ).toEqual([["x"], []]);
    await expectApiError(
      client.blocks.update({ block_id: row?.id ?? "", table_row: { cells: [text("only")] } }),
      {
        status: 400,
        code: "validation_error",
      },
    );
  });

  it("refuses to change a table's width", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ table: { table_width: 1, children: [{ table_row: { cells: [text("a")] } }] } }],
    });
    const request = {
      block_id: results[0]?.id ?? "",
      table: { table_width: 3 },
    } as unknown as UpdateBlockParameters;
    await expectApiError(client.blocks.update(request), { status: 400, code: "validation_error" });
    expect(fullBlock(await client.blocks.retrieve({ block_id: results[0]?.id ?? "" }))).toMatchObject({
      table: { table_width: 1 },
    });
  });

  it("refuses a rich text content over 2000 characters, naming the path", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ paragraph: { rich_text: text("short") } }],
    });
    await expectApiError(
      client.blocks.update({
        block_id: results[0]?.id ?? "",
        paragraph: { rich_text: text("x".repeat(2001)) },
      }),
      {
        status: 400,
        code: "validation_error",
        message:
          "body failed validation: body.paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
      },
    );
  });
});

import type { BlockObjectResponse } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { type Schema, addRow, newTable } from "../databases/fixtures.ts";
import {
  MISSING_ID,
  blockText,
  childTexts,
  children,
  expectApiError,
  fullPage,
  paragraph,
  plain,
  text,
  workspacePage,
} from "../helpers.ts";
import { addTemplate } from "./fixtures.ts";

/** pages.create and pages.update with `template`: properties, icon, cover and content copied. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const SCHEMA: Schema = {
  Status: { select: { options: [{ name: "Open" }, { name: "Done" }] } },
  Points: { number: {} },
  Notes: { rich_text: {} },
};

function titleOf(page: ReturnType<typeof fullPage>): string {
  const name = page.properties.Name;
  return name?.type === "title" ? plain(name.title) : "";
}

describe("pages.create with a template", () => {
  it("applies the default template: properties, icon, cover and content", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const templateId = await addTemplate(
      server,
      ws,
      table.dataSourceId,
      "Bug",
      {
        properties: { Status: { select: { name: "Open" } }, Points: { number: 3 } },
        icon: { emoji: "🐛" },
        cover: { external: { url: "https://example.com/bug.png" } },
        children: [paragraph("Steps to reproduce"), paragraph("Expected")],
      },
      true,
    );
    const page = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "default" },
      }),
    );
    expect(page.id).not.toBe(templateId);
    expect(titleOf(page)).toBe("Bug");
    expect(page.properties.Status).toMatchObject({ select: { name: "Open" } });
    expect(page.properties.Points).toMatchObject({ number: 3 });
    expect(page.icon).toEqual({ type: "emoji", emoji: "🐛" });
    expect(page.cover).toEqual({ type: "external", external: { url: "https://example.com/bug.png" } });
    expect(await childTexts(table.client, page.id)).toEqual(["Steps to reproduce", "Expected"]);
    // A copy: the template keeps its own blocks.
    const original = await children(table.client, templateId);
    const copy = await children(table.client, page.id);
    expect(copy.map((b) => b.id)).not.toContain(original[0]?.id);
    // The new page is an ordinary row.
    const rows = await table.client.dataSources.query({ data_source_id: table.dataSourceId });
    expect(rows.results.map((r) => r.id)).toEqual([page.id]);
  });

  it("applies a template by id; properties, icon and cover in the request win", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    await addTemplate(server, ws, table.dataSourceId, "Default", {}, true);
    const templateId = await addTemplate(server, ws, table.dataSourceId, "Feature", {
      properties: { Points: { number: 8 }, Notes: { rich_text: text("from template") } },
      icon: { emoji: "✨" },
      cover: { external: { url: "https://example.com/t.png" } },
      children: [paragraph("Spec")],
    });
    const page = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "template_id", template_id: templateId },
        properties: { Name: { title: text("Dark mode") }, Points: { number: 1 } },
        icon: { emoji: "🌙" },
        cover: null,
      }),
    );
    expect(titleOf(page)).toBe("Dark mode");
    expect(page.properties.Points).toMatchObject({ number: 1 });
    expect(page.properties.Notes).toMatchObject({ rich_text: [{ plain_text: "from template" }] });
    expect(page.icon).toEqual({ type: "emoji", emoji: "🌙" });
    expect(page.cover).toBeNull();
    expect(await childTexts(table.client, page.id)).toEqual(["Spec"]);
  });

  it("deep-copies nested children, tables, columns, sub-pages and synced blocks", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const templateId = await addTemplate(server, ws, table.dataSourceId, "Rich", {
      children: [
        {
          toggle: {
            rich_text: text("Toggle"),
            children: [{ paragraph: { rich_text: text("inside"), children: [paragraph("deeper")] } }],
          },
        },
        {
          table: {
            table_width: 2,
            has_column_header: true,
            children: [{ table_row: { cells: [text("a"), text("b")] } }],
          },
        },
        {
          column_list: {
            children: [
              { column: { children: [paragraph("left")] } },
              { column: { children: [paragraph("right")] } },
            ],
          },
        },
        { synced_block: { synced_from: null, children: [paragraph("shared")] } },
      ],
    });
    // A sub-page of the template, added after creation.
    await table.client.pages.create({
      parent: { type: "page_id", page_id: templateId },
      properties: { title: { title: text("Checklist") } },
      children: [paragraph("item")],
    });
    const page = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "template_id", template_id: templateId },
      }),
    );
    const blocks = await children(table.client, page.id);
    expect(blocks.map((b) => b.type)).toEqual([
      "toggle",
      "table",
      "column_list",
      "synced_block",
      "child_page",
    ]);
    const [toggle, tableBlock, columns, synced, subPage] = blocks as BlockObjectResponse[];
    const inside = await children(table.client, toggle?.id ?? "");
    expect(inside.map(blockText)).toEqual(["inside"]);
    expect(await childTexts(table.client, inside[0]?.id ?? "")).toEqual(["deeper"]);
    expect(tableBlock).toMatchObject({ table: { table_width: 2, has_column_header: true } });
    const rows = await children(table.client, tableBlock?.id ?? "");
    expect(rows.map((r) => (r.type === "table_row" ? r.table_row.cells.map(plain) : []))).toEqual([
      ["a", "b"],
    ]);
    const cols = await children(table.client, columns?.id ?? "");
    expect(await Promise.all(cols.map((c) => childTexts(table.client, c.id)))).toEqual([["left"], ["right"]]);
    // The template's original synced block: the page gets a synced copy of it, showing its content.
    const templateSynced = (await children(table.client, templateId)).find((b) => b.type === "synced_block");
    expect(synced).toMatchObject({
      synced_block: { synced_from: { type: "block_id", block_id: templateSynced?.id } },
    });
    expect(await childTexts(table.client, synced?.id ?? "")).toEqual(["shared"]);
    expect(subPage).toMatchObject({ type: "child_page", child_page: { title: "Checklist" } });
    expect(subPage?.id).not.toBe((await children(table.client, templateId)).at(-1)?.id);
    expect(await childTexts(table.client, subPage?.id ?? "")).toEqual(["item"]);
  });

  it("turns @today, @now and @me in the template into real mentions", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const templateId = await addTemplate(server, ws, table.dataSourceId, "Daily", {
      children: [
        {
          paragraph: {
            rich_text: [
              {
                mention: {
                  template_mention: { type: "template_mention_date", template_mention_date: "today" },
                },
              },
              {
                mention: { template_mention: { type: "template_mention_user", template_mention_user: "me" } },
              },
            ],
          },
        },
      ],
    });
    const page = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "template_id", template_id: templateId, timezone: "Pacific/Kiritimati" },
      }),
    );
    const [block] = await children(table.client, page.id);
    const items = block?.type === "paragraph" ? block.paragraph.rich_text : [];
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date());
    expect(items[0]).toMatchObject({ type: "mention", mention: { type: "date", date: { start: today } } });
    expect(items[1]).toMatchObject({
      type: "mention",
      mention: { type: "user", user: { id: ws.ownerId } },
      plain_text: "@Test Owner",
    });
  });
});

describe("pages.create template errors", () => {
  it("refuses children, content or markdown alongside a template", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await addTemplate(server, ws, table.dataSourceId, "T", {}, true);
    for (const extra of [
      { children: [paragraph("x")] },
      { content: [paragraph("x")] },
      { markdown: "# x" },
    ]) {
      await expectApiError(
        table.client.pages.create({
          parent: { type: "data_source_id", data_source_id: table.dataSourceId },
          template: { type: "default" },
          ...extra,
        }),
        {
          status: 400,
          code: "validation_error",
          message: /should be not present when body\.template\.type is/,
        },
      );
    }
    // `none` is no template, so children are fine.
    const page = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "none" },
        children: [paragraph("x")],
      }),
    );
    expect(await childTexts(table.client, page.id)).toEqual(["x"]);
  });

  it("refuses `default` when the data source has none, and templates under a page", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await addTemplate(server, ws, table.dataSourceId, "Not default");
    await expectApiError(
      table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "default" },
      }),
      {
        status: 400,
        code: "validation_error",
        message: `Data source ${table.dataSourceId} has no default template.`,
      },
    );
    const root = await workspacePage(table.client);
    await expectApiError(
      table.client.pages.create({ parent: { page_id: root.id }, template: { type: "default" } }),
      { status: 400, code: "validation_error", message: /body\.template can only be used/ },
    );
    // Nothing was created by the failed calls.
    const rows = await table.client.dataSources.query({ data_source_id: table.dataSourceId });
    expect(rows.results).toEqual([]);
  });

  it("refuses unknown ids, trashed pages and bad shapes", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const row = await addRow(table, "Plain row");
    const create = (template: unknown) =>
      table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: template as { type: "default" },
      });
    await expectApiError(create({ type: "template_id", template_id: MISSING_ID }), {
      status: 404,
      code: "object_not_found",
      message: `Could not find page with ID: ${MISSING_ID}.`,
    });
    await table.client.pages.update({ page_id: row.id, in_trash: true });
    await expectApiError(create({ type: "template_id", template_id: row.id }), {
      status: 400,
      code: "validation_error",
      message: `Page ${row.id} is in the trash and can't be used as a template.`,
    });
    await expectApiError(create({ type: "template_id" }), {
      status: 400,
      code: "validation_error",
      message:
        "body failed validation: body.template.template_id should be defined, instead was `undefined`.",
    });
    await expectApiError(create({ type: "copy" }), { status: 400, code: "validation_error" });
    await expectApiError(create({ type: "default", timezone: "Mars/Olympus" }), {
      status: 400,
      code: "validation_error",
      message: /body\.template\.timezone should be a valid IANA time zone/,
    });
  });

  it("hides a template from an integration that can't see it", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const other = await newTable(ws, {});
    const hidden = await addTemplate(server, ws, other.dataSourceId, "Hidden");
    const bot = ws.client(await ws.integration("Bot"));
    await ws.share("Bot", table.rootId);
    await expectApiError(
      bot.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "template_id", template_id: hidden },
      }),
      { status: 404, code: "object_not_found" },
    );
  });
});

describe("pages.update with a template", () => {
  it("appends the template's content and merges its properties", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const templateId = await addTemplate(server, ws, table.dataSourceId, "Tpl", {
      properties: { Points: { number: 5 }, Status: { select: { name: "Done" } } },
      children: [paragraph("from template")],
    });
    const page = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        properties: { Name: { title: text("Mine") } },
        children: [paragraph("mine")],
      }),
    );
    const updated = fullPage(
      await table.client.pages.update({
        page_id: page.id,
        template: { type: "template_id", template_id: templateId },
        properties: { Points: { number: 2 } },
      }),
    );
    expect(updated.properties.Points).toMatchObject({ number: 2 });
    expect(updated.properties.Status).toMatchObject({ select: { name: "Done" } });
    expect(await childTexts(table.client, page.id)).toEqual(["mine", "from template"]);
  });

  it("replaces the content with erase_content, or just empties the page without a template", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await addTemplate(server, ws, table.dataSourceId, "Tpl", { children: [paragraph("fresh")] }, true);
    const page = await addRow(table, "Row");
    await table.client.blocks.children.append({ block_id: page.id, children: [paragraph("old")] });
    await table.client.pages.update({ page_id: page.id, template: { type: "default" }, erase_content: true });
    expect(await childTexts(table.client, page.id)).toEqual(["fresh"]);
    await table.client.pages.update({ page_id: page.id, erase_content: true });
    expect(await childTexts(table.client, page.id)).toEqual([]);
    // Erasing works on any page.
    const root = await workspacePage(table.client);
    await table.client.blocks.children.append({ block_id: root.id, children: [paragraph("gone")] });
    await table.client.pages.update({ page_id: root.id, erase_content: true });
    expect(await childTexts(table.client, root.id)).toEqual([]);
  });

  it("refuses a template on a page outside a data source and a non-boolean erase_content", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await addTemplate(server, ws, table.dataSourceId, "Tpl", {}, true);
    const root = await workspacePage(table.client);
    await expectApiError(table.client.pages.update({ page_id: root.id, template: { type: "default" } }), {
      status: 400,
      code: "validation_error",
      message: /body\.template can only be applied to a page in a data source/,
    });
    await expectApiError(
      table.client.pages.update({ page_id: root.id, erase_content: "yes" as unknown as boolean }),
      {
        status: 400,
        code: "validation_error",
        message: 'body failed validation: body.erase_content should be a boolean, instead was `"yes"`.',
      },
    );
    await expectApiError(
      table.client.pages.update({
        page_id: root.id,
        template: { type: "none" } as unknown as { type: "default" },
      }),
      { status: 400, code: "validation_error" },
    );
  });
});

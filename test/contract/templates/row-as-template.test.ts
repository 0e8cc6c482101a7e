import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { type Schema, addRow, newTable } from "../databases/fixtures.ts";
import { childPage, childTexts, expectApiError, fullPage, paragraph, plain, text } from "../helpers.ts";
import { addTemplate, templateNames } from "./fixtures.ts";

/**
 * Issue 26: on Notion any page can be named as `template_id`, not only pages made as templates of the
 * same data source (developers.notion.com/docs/creating-pages-from-templates, "Can I use any page as a
 * template?"); its properties, icon, cover and content are copied as a template's are. Such pages stay
 * what they were: listTemplates doesn't list them. Another schema's values merge only where they fit.
 */

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
};

describe("an ordinary row as template_id", () => {
  it("copies its properties, icon, cover and content into a new page", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    await addTemplate(server, ws, table.dataSourceId, "Real template");
    const model = await addRow(table, "Weekly review", {
      Status: { select: { name: "Open" } },
      Points: { number: 5 },
    });
    await addRow(table, "Another row");
    await table.client.pages.update({
      page_id: model.id,
      icon: { type: "emoji", emoji: "📋" },
      cover: { type: "external", external: { url: "https://example.com/review.png" } },
    });
    await table.client.blocks.children.append({
      block_id: model.id,
      children: [
        paragraph("Wins"),
        { toggle: { rich_text: text("Details"), children: [paragraph("nested")] } },
      ],
    });

    const page = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "template_id", template_id: model.id },
      }),
    );
    expect(page.id).not.toBe(model.id);
    const name = page.properties.Name;
    expect(name?.type === "title" ? plain(name.title) : "").toBe("Weekly review");
    expect(page.properties.Status).toMatchObject({ select: { name: "Open" } });
    expect(page.properties.Points).toMatchObject({ number: 5 });
    expect(page.icon).toEqual({ type: "emoji", emoji: "📋" });
    expect(page.cover).toEqual({ type: "external", external: { url: "https://example.com/review.png" } });
    expect(await childTexts(table.client, page.id)).toEqual(["Wins", "Details"]);
    const toggle = (await table.client.blocks.children.list({ block_id: page.id })).results[1];
    expect(await childTexts(table.client, toggle?.id ?? "")).toEqual(["nested"]);

    // The model row is untouched and still an ordinary row; only the real template is listed.
    expect(await childTexts(table.client, model.id)).toEqual(["Wins", "Details"]);
    expect(await templateNames(table.client, table.dataSourceId)).toEqual(["Real template"]);
    const rows = await table.client.dataSources.query({ data_source_id: table.dataSourceId });
    expect(rows.results).toHaveLength(3);
  });

  it("applies to an existing page with pages.update, erasing its content when asked", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const model = await addRow(table, "Model", { Points: { number: 2 } });
    await table.client.blocks.children.append({
      block_id: model.id,
      children: [paragraph("From the model")],
    });
    const target = await addRow(table, "Target");
    await table.client.blocks.children.append({ block_id: target.id, children: [paragraph("Old content")] });

    const updated = fullPage(
      await table.client.pages.update({
        page_id: target.id,
        template: { type: "template_id", template_id: model.id },
        erase_content: true,
      }),
    );
    expect(updated.properties.Points).toMatchObject({ number: 2 });
    expect(await childTexts(table.client, target.id)).toEqual(["From the model"]);
  });

  it("answers 404 for a page the integration cannot reach and 400 for a trashed page", async () => {
    const ws = await server.workspace();
    const owner = ws.client();
    const table = await newTable(ws, SCHEMA);
    const other = await newTable(ws, SCHEMA, { title: "Other" });
    const elsewhere = await addRow(other, "Elsewhere");
    const trashed = await addRow(table, "Trashed");
    await owner.pages.update({ page_id: trashed.id, in_trash: true });
    const token = await ws.integration("Template Bot");
    await ws.share("Template Bot", table.databaseId);
    const bot = ws.client(token);
    const create = (client: typeof bot, templateId: string) =>
      client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "template_id", template_id: templateId },
      });

    await expectApiError(create(bot, elsewhere.id), {
      status: 404,
      code: "object_not_found",
      message: `Could not find page with ID: ${elsewhere.id}. Make sure the relevant pages and databases are shared with your integration "Template Bot".`,
    });
    await expectApiError(create(owner, trashed.id), {
      status: 400,
      code: "validation_error",
      message: `Page ${trashed.id} is in the trash and can't be used as a template.`,
    });
    // Nothing was created by the refused calls.
    const rows = await owner.dataSources.query({ data_source_id: table.dataSourceId });
    expect(rows.results).toHaveLength(0);
  });
});

describe("a page outside the data source as template_id", () => {
  it("carries the title, same-named properties of the same type and the content of another source's row", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {
      Status: { select: { options: [{ name: "Open" }] } },
      Tags: { multi_select: { options: [{ name: "ui" }] } },
      Points: { number: {} },
      Notes: { rich_text: {} },
    });
    const other = await newTable(ws, {
      Status: { select: { options: [{ name: "Open" }, { name: "Blocked" }] } },
      Tags: { multi_select: { options: [{ name: "ui" }, { name: "api" }] } },
      Points: { rich_text: {} },
      Notes: { rich_text: {} },
    });
    const model = await addRow(other, "Foreign model", {
      Status: { select: { name: "Blocked" } },
      Tags: { multi_select: [{ name: "ui" }, { name: "api" }] },
      Points: { rich_text: text("seven") },
      Notes: { rich_text: text("carried") },
    });
    await other.client.blocks.children.append({ block_id: model.id, children: [paragraph("Foreign body")] });

    const page = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        template: { type: "template_id", template_id: model.id },
      }),
    );
    const name = page.properties.Name;
    expect(name?.type === "title" ? plain(name.title) : "").toBe("Foreign model");
    const notes = page.properties.Notes;
    expect(notes?.type === "rich_text" ? plain(notes.rich_text) : "").toBe("carried");
    // "Blocked" is no option here and Points is a number here: those don't merge (Notion's FAQ warns so).
    expect(page.properties.Status).toMatchObject({ select: null });
    expect(page.properties.Tags).toMatchObject({ multi_select: [{ name: "ui" }] });
    expect(page.properties.Points).toMatchObject({ number: null });
    expect(await childTexts(table.client, page.id)).toEqual(["Foreign body"]);
    // The target's schema is unchanged: no option was invented for the foreign values.
    const source = await table.client.dataSources.retrieve({ data_source_id: table.dataSourceId });
    const status = "properties" in source ? source.properties.Status : undefined;
    expect(status?.type === "select" ? status.select.options.map((o) => o.name) : []).toEqual(["Open"]);
  });

  it("applies a standalone page's title and content, on create and on update", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const standalone = await childPage(table.client, table.rootId, "Checklist");
    await table.client.blocks.children.append({
      block_id: standalone.id,
      children: [{ to_do: { rich_text: text("Step one"), checked: false } }],
    });
    const created = fullPage(
      await table.client.pages.create({
        parent: { type: "data_source_id", data_source_id: table.dataSourceId },
        properties: { Points: { number: 1 } },
        template: { type: "template_id", template_id: standalone.id },
      }),
    );
    const name = created.properties.Name;
    expect(name?.type === "title" ? plain(name.title) : "").toBe("Checklist");
    expect(created.properties.Points).toMatchObject({ number: 1 });
    expect(await childTexts(table.client, created.id)).toEqual(["Step one"]);

    const row = await addRow(table, "Existing", { Points: { number: 3 } });
    await table.client.blocks.children.append({ block_id: row.id, children: [paragraph("Kept")] });
    await table.client.pages.update({
      page_id: row.id,
      properties: { Name: { title: text("Existing") } },
      template: { type: "template_id", template_id: standalone.id },
    });
    expect(await childTexts(table.client, row.id)).toEqual(["Kept", "Step one"]);
    const after = fullPage(await table.client.pages.retrieve({ page_id: row.id }));
    const title = after.properties.Name;
    expect(title?.type === "title" ? plain(title.title) : "").toBe("Existing");
    expect(after.properties.Points).toMatchObject({ number: 3 });
    // The standalone page itself is untouched.
    expect(await childTexts(table.client, standalone.id)).toEqual(["Step one"]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PropertySchema } from "../../src/domain/properties/types.ts";
import { presentPage } from "../../src/presenters/present-page.ts";
import { presentPropertyItems } from "../../src/presenters/present-property-item.ts";
import { authenticate } from "../../src/services/identity/auth-service.ts";
import { getPageProperty } from "../../src/services/pages/page-property-service.ts";
import { getPage } from "../../src/services/pages/page-service.ts";
import { fileLinks } from "../../src/services/files/file-links.ts";
import { visibleSchema } from "../../src/services/access/read-model.ts";
import { readerFor } from "../../src/services/access/reader.ts";
import type { Viewer } from "../../src/services/access/viewer.ts";
import { findDataSourceFields } from "../../src/storage/database-repo.ts";
import { type TestServer, type TestWorkspace, startTestServer } from "../support/quire.ts";
import { addRow, newTable } from "../contract/databases/fixtures.ts";
import { workspacePage } from "../contract/helpers.ts";

/**
 * The read model with a reader who can reach only some related pages: relations list what it reaches
 * (with `has_more` and property-item pages to match), rollups and formulas are computed over just that,
 * also through related pages whose own relations hide something. The owner's view stays complete.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const BOT = "Partial Bot";

/**
 * Projects (shared) ─ P: Items = 30 rows of Items, of which only the first `visible` are shared one by
 * one; each item relates to a Secret row (never shared) and rolls up its name.
 */
async function partialWorld(ws: TestWorkspace, visible: number) {
  const owner = ws.client();
  const root = await workspacePage(owner, "Root");
  const secrets = await newTable(ws, {}, { title: "Secrets", rootId: root.id, client: owner });
  const secret = await addRow(secrets, "Hush");
  const items = await newTable(
    ws,
    {
      Points: { number: {} },
      Secret: { relation: { data_source_id: secrets.dataSourceId, single_property: {} } },
      SecretName: {
        rollup: { function: "show_original", relation_property_name: "Secret", rollup_property_name: "Name" },
      },
    },
    { title: "Items", rootId: root.id, client: owner },
  );
  const rows = [];
  for (let i = 0; i < 30; i++)
    rows.push(
      await addRow(items, `I${i}`, { Points: { number: i + 1 }, Secret: { relation: [{ id: secret.id }] } }),
    );
  const projects = await newTable(
    ws,
    {
      Items: { relation: { data_source_id: items.dataSourceId, single_property: {} } },
      Sum: { rollup: { function: "sum", relation_property_name: "Items", rollup_property_name: "Points" } },
      Count: { rollup: { function: "count", relation_property_name: "Items", rollup_property_name: "Name" } },
      Names: {
        rollup: { function: "show_original", relation_property_name: "Items", rollup_property_name: "Name" },
      },
      Hidden: {
        rollup: {
          function: "show_original",
          relation_property_name: "Items",
          rollup_property_name: "SecretName",
        },
      },
      Titles: { formula: { expression: 'prop("Items")' } },
    },
    { title: "Projects", rootId: root.id, client: owner },
  );
  const project = await addRow(projects, "P", { Items: { relation: rows.map((r) => ({ id: r.id })) } });
  const token = await ws.integration(BOT);
  await ws.share(BOT, projects.databaseId);
  for (const row of rows.slice(0, visible)) await ws.share(BOT, row.id);
  const bot = await authenticate(server.ctx, `Bearer ${token}`);
  const ownerViewer = await authenticate(server.ctx, `Bearer ${ws.token}`);
  return { rows, project, projects, items, secrets, secret, bot, ownerViewer, token };
}

async function served(viewer: Viewer, pageId: string) {
  const page = presentPage(
    await getPage(server.ctx, viewer, pageId),
    "2025-09-03",
    server.url,
    await fileLinks(server.ctx),
  );
  return page.properties as Record<string, Record<string, unknown>>;
}

function rollupOf(properties: Record<string, Record<string, unknown>>, name: string) {
  return properties[name]?.rollup as Record<string, unknown>;
}

describe("a reader who reaches part of a relation", () => {
  it("sees only the related pages it reaches, 25 at a time with has_more to match", async () => {
    const ws = await server.workspace();
    const world = await partialWorld(ws, 27);
    const props = await served(world.bot, world.project.id);
    const expected = world.rows.slice(0, 27).map((r) => ({ id: r.id }));
    expect(props.Items).toMatchObject({ relation: expected.slice(0, 25), has_more: true });

    const pages: unknown[] = [];
    let cursor: string | undefined;
    do {
      const request = await getPageProperty(server.ctx, world.bot, world.project.id, "Items", {
        pageSize: 10,
        startCursor: cursor,
      });
      const list = presentPropertyItems(request, "2025-09-03", "/self", await fileLinks(server.ctx)) as {
        results: Array<{ relation: unknown }>;
        next_cursor: string | null;
        has_more: boolean;
      };
      pages.push(...list.results.map((r) => r.relation));
      expect(list.has_more).toBe(list.next_cursor !== null);
      cursor = list.next_cursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(expected);

    const fewer = await partialWorld(await server.workspace(), 20);
    expect((await served(fewer.bot, fewer.project.id)).Items).toMatchObject({ has_more: false });
  });

  it("rolls up and computes formulas over what it reaches, never over hidden pages", async () => {
    const ws = await server.workspace();
    const world = await partialWorld(ws, 3);
    const bot = await served(world.bot, world.project.id);
    // Rollups read the first 25 references Notion evaluates; the reader's first 25 are its 3.
    expect(rollupOf(bot, "Sum")).toMatchObject({ type: "number", number: 1 + 2 + 3 });
    expect(rollupOf(bot, "Count")).toMatchObject({ type: "number", number: 3 });
    const names = (rollupOf(bot, "Names").array as Array<{ title: Array<{ plain_text: string }> }>).map((v) =>
      v.title.map((t) => t.plain_text).join(""),
    );
    expect(names).toEqual(["I0", "I1", "I2"]);
    expect(bot.Titles?.formula).toEqual({ type: "string", string: "I0, I1, I2" });
    // An item's own rollup of a Secret row reads nothing for this reader, so neither does this one.
    expect(JSON.stringify(rollupOf(bot, "Hidden"))).not.toContain("Hush");

    const owner = await served(world.ownerViewer, world.project.id);
    expect(rollupOf(owner, "Count")).toMatchObject({ number: 25 });
    expect(rollupOf(owner, "Sum")).toMatchObject({ number: (25 * 26) / 2 });
    expect(JSON.stringify(rollupOf(owner, "Hidden"))).toContain("Hush");
    expect((owner.Items?.relation as unknown[]).length).toBe(25);
  });

  it("serves the rollup property item with the reader's computation and elements", async () => {
    const world = await partialWorld(await server.workspace(), 2);
    const request = await getPageProperty(server.ctx, world.bot, world.project.id, "Names", {
      pageSize: 100,
    });
    const list = presentPropertyItems(
      request,
      "2025-09-03",
      "/self",
      await fileLinks(server.ctx),
    ) as unknown as {
      results: unknown[];
      property_item: { rollup: { type: string; array: unknown[] } };
    };
    expect(list.results).toHaveLength(2);
    expect(list.property_item.rollup.array).toHaveLength(2);
  });

  it("keeps the related pages it could not see when it replaces a relation", async () => {
    const ws = await server.workspace();
    const world = await partialWorld(ws, 2);
    const client = ws.client(world.token);
    await client.pages.update({
      page_id: world.project.id,
      properties: { Items: { relation: [{ id: world.rows[1]?.id ?? "" }] } },
    });
    const bot = await served(world.bot, world.project.id);
    expect(bot.Items?.relation).toEqual([{ id: world.rows[1]?.id }]);
    const owner = await ws.client().pages.retrieve({ page_id: world.project.id });
    const ids = (
      (owner as { properties: Record<string, { relation?: Array<{ id: string }> }> }).properties.Items
        ?.relation ?? []
    ).map((r) => r.id);
    // I0 was removed by the bot; I2… were never shown to it and stay.
    expect(ids).not.toContain(world.rows[0]?.id);
    expect(ids.slice(0, 2)).toEqual([world.rows[1]?.id, world.rows[2]?.id]);
  });

  it("leaves relations to sources it cannot reach, and their rollups, out of the schema", async () => {
    const world = await partialWorld(await server.workspace(), 1);
    const itemsSchema = (await findDataSourceFields(server.store.db, world.items.dataSourceId))
      ?.schema as PropertySchema[];
    const names = (schema: PropertySchema[]) => schema.map((p) => p.name).sort();
    const reader = readerFor(server.store.db, world.bot);
    // The bot reaches one item row but not the Items source: nothing based on a relation from there.
    expect(names(await visibleSchema(reader, itemsSchema))).toEqual(["Name", "Points"]);
    const projectsSchema = (await findDataSourceFields(server.store.db, world.projects.dataSourceId))
      ?.schema as PropertySchema[];
    expect(names(await visibleSchema(reader, projectsSchema))).toEqual(["Name", "Titles"]);
    const ownerReader = readerFor(server.store.db, world.ownerViewer);
    expect(await visibleSchema(ownerReader, projectsSchema)).toBe(projectsSchema);
  });
});

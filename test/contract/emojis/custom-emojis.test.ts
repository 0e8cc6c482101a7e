import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCustomEmoji } from "../../../src/services/emojis/emoji-service.ts";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { newTable } from "../databases/fixtures.ts";
import { MISSING_ID, expectApiError, fullPage, withoutRequestId, workspacePage } from "../helpers.ts";

/** customEmojis.list and custom_emoji icons on pages, databases and data sources. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function emoji(ws: TestWorkspace, name: string) {
  return addCustomEmoji(server.ctx, ws.id, {
    name,
    url: `https://example.com/${name}.png`,
    createdBy: ws.ownerId,
  });
}

describe("customEmojis.list", () => {
  it("lists the workspace's emojis by name in Notion's list shape", async () => {
    const ws = await server.workspace();
    const party = await emoji(ws, "party");
    const ship = await emoji(ws, "ship-it");
    // Another workspace's emojis stay out.
    await emoji(await server.workspace(), "elsewhere");
    const response = await ws.client().customEmojis.list({});
    expect(withoutRequestId(response)).toEqual({
      object: "list",
      type: "custom_emoji",
      results: [
        { id: party.id, name: "party", url: "https://example.com/party.png" },
        { id: ship.id, name: "ship-it", url: "https://example.com/ship-it.png" },
      ],
      has_more: false,
      next_cursor: null,
    });
  });

  it("filters by exact name and pages with emoji ids as cursors", async () => {
    const ws = await server.workspace();
    for (const name of ["a", "b", "c", "ab"]) await emoji(ws, name);
    const client = ws.client();
    expect((await client.customEmojis.list({ name: "a" })).results.map((e) => e.name)).toEqual(["a"]);
    expect((await client.customEmojis.list({ name: "A" })).results).toEqual([]);
    const first = await client.customEmojis.list({ page_size: 2 });
    expect(first.results.map((e) => e.name)).toEqual(["a", "ab"]);
    expect(first.has_more).toBe(true);
    const second = await client.customEmojis.list({ page_size: 2, start_cursor: first.next_cursor ?? "" });
    expect(second.results.map((e) => e.name)).toEqual(["b", "c"]);
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    await expectApiError(client.customEmojis.list({ start_cursor: MISSING_ID }), {
      status: 400,
      code: "validation_error",
      message: `start_cursor provided is invalid: ${MISSING_ID}`,
    });
    await expectApiError(client.customEmojis.list({ page_size: 0 }), {
      status: 400,
      code: "validation_error",
    });
  });

  it("refuses duplicate and malformed names", async () => {
    const ws = await server.workspace();
    await emoji(ws, "dup");
    await expect(emoji(ws, "dup")).rejects.toThrow(/already exists/);
    await expect(emoji(ws, "two words")).rejects.toThrow(/Custom emoji name/);
    await expect(
      addCustomEmoji(server.ctx, ws.id, { name: "nourl", url: "not a url", createdBy: ws.ownerId }),
    ).rejects.toThrow(/valid URL/);
  });
});

describe("custom_emoji icons", () => {
  it("stores a custom emoji icon by id and serves it with its name and url", async () => {
    const ws = await server.workspace();
    const party = await emoji(ws, "party");
    const client = ws.client();
    const expected = {
      type: "custom_emoji",
      custom_emoji: { id: party.id, name: "party", url: "https://example.com/party.png" },
    };
    const page = fullPage(
      await client.pages.create({
        parent: { workspace: true },
        icon: { type: "custom_emoji", custom_emoji: { id: party.id } },
      }),
    );
    expect(page.icon).toEqual(expected);
    expect(fullPage(await client.pages.retrieve({ page_id: page.id })).icon).toEqual(expected);
    // A name or url in the request does not override the emoji's own.
    const updated = fullPage(
      await client.pages.update({
        page_id: page.id,
        icon: { custom_emoji: { id: party.id, name: "other", url: "https://example.com/x.png" } },
      }),
    );
    expect(updated.icon).toEqual(expected);
    const table = await newTable(ws, {});
    const db = await client.databases.update({
      database_id: table.databaseId,
      icon: { custom_emoji: { id: party.id } },
    });
    expect("icon" in db && db.icon).toEqual(expected);
    const source = await client.dataSources.update({
      data_source_id: table.dataSourceId,
      icon: { custom_emoji: { id: party.id } },
    });
    expect("icon" in source && source.icon).toEqual(expected);
  });

  it("refuses an unknown custom emoji id, including another workspace's", async () => {
    const ws = await server.workspace();
    const foreign = await emoji(await server.workspace(), "theirs");
    const root = await workspacePage(ws.client());
    for (const id of [MISSING_ID, foreign.id]) {
      await expectApiError(ws.client().pages.update({ page_id: root.id, icon: { custom_emoji: { id } } }), {
        status: 400,
        code: "validation_error",
        message: `Could not find custom emoji with ID: ${id}.`,
      });
      await expectApiError(
        ws.client().databases.create({
          parent: { type: "page_id", page_id: root.id },
          icon: { custom_emoji: { id } },
        }),
        { status: 400, code: "validation_error" },
      );
    }
    expect(fullPage(await ws.client().pages.retrieve({ page_id: root.id })).icon).toBeNull();
  });

  it("accepts real emojis only for emoji icons", async () => {
    const ws = await server.workspace();
    const root = await workspacePage(ws.client());
    const page = fullPage(await ws.client().pages.update({ page_id: root.id, icon: { emoji: "👩‍💻" } }));
    expect(page.icon).toEqual({ type: "emoji", emoji: "👩‍💻" });
    await expectApiError(ws.client().pages.update({ page_id: root.id, icon: { emoji: ":party:" as "😀" } }), {
      status: 400,
      code: "validation_error",
      message: 'body failed validation: body.icon.emoji should be a single emoji, instead was `":party:"`.',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, text } from "../helpers.ts";
import { type RowProperties, type Schema, addRow, newTable, simple, updateRow } from "./fixtures.ts";

/** Rows: computed and read-only values (unique_id, created_by, …) and values validated against the schema. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const SCHEMA: Schema = {
  Notes: { rich_text: {} },
  Score: { number: {} },
  Kind: { select: { options: [{ name: "Bug", color: "red" }] } },
  Tags: {
    multi_select: {
      options: [
        { name: "ui", color: "blue" },
        { name: "api", color: "green" },
      ],
    },
  },
  State: { status: {} },
  Due: { date: {} },
  Owners: { people: {} },
  Files: { files: {} },
  Done: { checkbox: {} },
  Link: { url: {} },
  Mail: { email: {} },
  Phone: { phone_number: {} },
  Check: { verification: {} },
  Spot: { place: {} },
};

describe("row values: computed and read-only types", () => {
  it("numbers unique ids per data source, with the schema's prefix", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Ticket: { unique_id: { prefix: "BUG" } } });
    const rows = [await addRow(table, "a"), await addRow(table, "b"), await addRow(table, "c")];
    expect(rows.map((r) => simple(r, "Ticket"))).toEqual([
      { prefix: "BUG", number: 1 },
      { prefix: "BUG", number: 2 },
      { prefix: "BUG", number: 3 },
    ]);
    const other = await newTable(ws, { Ticket: { unique_id: {} } });
    expect(simple(await addRow(other, "x"), "Ticket")).toEqual({ prefix: null, number: 1 });
  });

  it("records who created and last edited a row", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {
      Created: { created_time: {} },
      Creator: { created_by: {} },
      Edited: { last_edited_time: {} },
      Editor: { last_edited_by: {} },
      Score: { number: {} },
    });
    const row = await addRow(table, "Row");
    expect(simple(row, "Created")).toBe(row.created_time);
    expect(simple(row, "Edited")).toBe(row.last_edited_time);
    expect(simple(row, "Creator")).toMatchObject({ object: "user", id: ws.ownerId });
    const token = await ws.integration("Editor Bot");
    await ws.share("Editor Bot", table.rootId);
    const bot = ws.client(token);
    const botId = (await bot.users.me({})).id;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const edited = await updateRow(bot, row.id, { Score: { number: 1 } });
    expect(simple(edited, "Creator")).toMatchObject({ id: ws.ownerId });
    expect(simple(edited, "Editor")).toMatchObject({ object: "user", id: botId });
    expect(edited.last_edited_by.id).toBe(botId);
    expect(simple(edited, "Edited")).toBe(edited.last_edited_time);
    expect(Date.parse(edited.last_edited_time)).toBeGreaterThan(Date.parse(row.last_edited_time));
    expect(simple(edited, "Created")).toBe(row.created_time);
  });

  for (const [name, config, value] of [
    ["Formula", { formula: { expression: "1 + 1" } }, { formula: { number: 3 } }],
    ["Created", { created_time: {} }, { created_time: "2024-01-01T00:00:00.000Z" }],
    ["Creator", { created_by: {} }, { created_by: { id: "5b1c7b7e-0c4f-4bb6-9a3e-0f5d3c2b1a09" } }],
    ["Edited", { last_edited_time: {} }, { last_edited_time: "2024-01-01T00:00:00.000Z" }],
    ["Editor", { last_edited_by: {} }, { last_edited_by: { id: "5b1c7b7e-0c4f-4bb6-9a3e-0f5d3c2b1a09" } }],
    ["Ticket", { unique_id: {} }, { unique_id: { number: 9 } }],
  ] as const) {
    it(`rejects a write to the read-only ${name} property`, async () => {
      const ws = await server.workspace();
      const table = await newTable(ws, { [name]: config } as Schema);
      await expectApiError(addRow(table, "Row", { [name]: value } as unknown as RowProperties), {
        status: 400,
        code: "validation_error",
      });
    });
  }
});

describe("row values: validation against the schema", () => {
  const cases: Array<[string, RowProperties]> = [
    ["an unknown property", { Ghost: { rich_text: text("boo") } }],
    ["a value of another type", { Score: { rich_text: text("ten") } } as unknown as RowProperties],
    ["a string for a number", { Score: { number: "ten" } } as unknown as RowProperties],
    ["an invalid date", { Due: { date: { start: "yesterday-ish" } } }],
    ["a non-boolean checkbox", { Done: { checkbox: "yes" } } as unknown as RowProperties],
    ["a place out of range", { Spot: { place: { lat: 123, lon: 0 } } }],
    ["an email over 200 characters", { Mail: { email: `${"a".repeat(200)}@example.com` } }],
  ];
  for (const [label, properties] of cases) {
    it(`rejects ${label}`, async () => {
      const ws = await server.workspace();
      const table = await newTable(ws, SCHEMA);
      await expectApiError(addRow(table, "Row", properties), { status: 400, code: "validation_error" });
    });
  }

  it("names the unknown property in the message", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    await expectApiError(addRow(table, "Row", { Ghost: { rich_text: text("boo") } }), {
      status: 400,
      code: "validation_error",
      message: /Ghost is not a property that exists/,
    });
  });
});

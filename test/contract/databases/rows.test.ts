import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, served, text } from "../helpers.ts";
import {
  type RowProperties,
  type Schema,
  addRow,
  fullDataSource,
  newTable,
  retrievePage,
  simple,
  updateRow,
} from "./fixtures.ts";

/** Pages as rows: every writable type round-trips through pages.create/update/retrieve. */

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

const OPTION = (name: string, color: string) => ({ id: expect.any(String), name, color });

describe("row values: round trip", () => {
  it("writes every writable type with pages.create and reads Notion's value shapes back", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const values: RowProperties = {
      Notes: { rich_text: text("some notes") },
      Score: { number: 42.5 },
      Kind: { select: { name: "Bug" } },
      Tags: { multi_select: [{ name: "api" }, { name: "ui" }] },
      State: { status: { name: "In progress" } },
      Due: { date: { start: "2024-05-01", end: "2024-05-03" } },
      Owners: { people: [{ id: ws.ownerId }] },
      Files: { files: [{ name: "spec.pdf", external: { url: "https://example.com/spec.pdf" } }] },
      Done: { checkbox: true },
      Link: { url: "https://example.com" },
      Mail: { email: "someone@example.com" },
      Phone: { phone_number: "+1 555 0100" },
      Spot: { place: { lat: 48.8584, lon: 2.2945, name: "Eiffel Tower", address: "Paris" } },
    };
    const created = await addRow(table, "Everything", values);
    const page = await retrievePage(table.client, created.id);
    expect(page.properties).toEqual(created.properties);
    const p = page.properties;
    const ids = table.dataSource.properties;
    const entry = (name: string, type: string, value: unknown) => ({
      id: ids[name]?.id,
      type,
      [type]: value,
    });
    expect(p["Name"]).toEqual(entry("Name", "title", served("Everything")));
    expect(p["Notes"]).toEqual(entry("Notes", "rich_text", served("some notes")));
    expect(p["Score"]).toEqual(entry("Score", "number", 42.5));
    expect(p["Kind"]).toEqual(entry("Kind", "select", OPTION("Bug", "red")));
    expect(p["Tags"]).toEqual(entry("Tags", "multi_select", [OPTION("api", "green"), OPTION("ui", "blue")]));
    expect(p["State"]).toEqual(entry("State", "status", OPTION("In progress", "blue")));
    expect(p["Due"]).toEqual(
      entry("Due", "date", { start: "2024-05-01", end: "2024-05-03", time_zone: null }),
    );
    expect(p["Owners"]).toMatchObject({ type: "people", people: [{ object: "user", id: ws.ownerId }] });
    expect(p["Files"]).toEqual(
      entry("Files", "files", [
        { name: "spec.pdf", type: "external", external: { url: "https://example.com/spec.pdf" } },
      ]),
    );
    expect(p["Done"]).toEqual(entry("Done", "checkbox", true));
    expect(p["Link"]).toEqual(entry("Link", "url", "https://example.com"));
    expect(p["Mail"]).toEqual(entry("Mail", "email", "someone@example.com"));
    expect(p["Phone"]).toEqual(entry("Phone", "phone_number", "+1 555 0100"));
    expect(p["Spot"]).toMatchObject({
      type: "place",
      place: { lat: 48.8584, lon: 2.2945, name: "Eiffel Tower", address: "Paris" },
    });
    expect(p["Check"]).toEqual(
      entry("Check", "verification", { state: "unverified", date: null, verified_by: null }),
    );
  });

  it("serves Notion's empty values for a row with only a title", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const page = await addRow(table, "Bare");
    const empties = Object.fromEntries(Object.keys(SCHEMA).map((name) => [name, simple(page, name)]));
    expect(empties).toEqual({
      Notes: "",
      Score: null,
      Kind: null,
      Tags: [],
      State: "Not started",
      Due: null,
      Owners: [],
      Files: [],
      Done: false,
      Link: null,
      Mail: null,
      Phone: null,
      Check: { state: "unverified", date: null, verified_by: null },
      Spot: null,
    });
  });

  it("updates values with pages.update: omitted values stay, arrays replace, null clears", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const row = await addRow(table, "Row", {
      Score: { number: 1 },
      Tags: { multi_select: [{ name: "ui" }] },
      Link: { url: "https://a.example" },
      Due: { date: { start: "2024-01-01" } },
      Done: { checkbox: true },
    });
    const updated = await updateRow(table.client, row.id, {
      Score: { number: 2 },
      Tags: { multi_select: [{ name: "api" }] },
      Link: { url: null },
      Due: { date: null },
      Done: { checkbox: false },
      Kind: { select: { name: "Bug" } },
    });
    expect(["Name", "Score", "Tags", "Link", "Due", "Done", "Kind"].map((n) => simple(updated, n))).toEqual([
      "Row",
      2,
      ["api"],
      null,
      null,
      false,
      "Bug",
    ]);
    const cleared = await updateRow(table.client, row.id, {
      Kind: { select: null },
      Tags: { multi_select: [] },
    });
    expect([simple(cleared, "Kind"), simple(cleared, "Tags"), simple(cleared, "Score")]).toEqual([
      null,
      [],
      2,
    ]);
  });

  it("writes by property id as well as by name", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const scoreId = table.dataSource.properties["Score"]?.id ?? "";
    const row = await addRow(table, "Row", { [scoreId]: { number: 7 } });
    expect(simple(row, "Score")).toBe(7);
    const updated = await updateRow(table.client, row.id, {
      [scoreId]: { number: 8 },
      title: { title: text("Renamed") },
    });
    expect([simple(updated, "Score"), simple(updated, "Name")]).toEqual([8, "Renamed"]);
  });

  it("keeps dates with times and time zones", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Due: { date: {} } });
    const utc = await addRow(table, "UTC", { Due: { date: { start: "2024-05-01T10:30:00.000Z" } } });
    // Notion echoes the instant with an offset; either spelling of UTC names the same instant.
    expect(simple(utc, "Due")).toEqual({
      start: expect.stringMatching(/^2024-05-01T10:30:00\.000(Z|\+00:00)$/),
      end: null,
      time_zone: null,
    });
    const zoned = await addRow(table, "Zoned", {
      Due: { date: { start: "2024-05-01T10:30:00", time_zone: "America/New_York" } },
    });
    expect(simple(zoned, "Due")).toMatchObject({
      start: expect.stringMatching(/^2024-05-01T10:30:00/),
      time_zone: "America/New_York",
    });
  });

  it("verifies a row and un-verifies it", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Check: { verification: {} } });
    const row = await addRow(table, "Doc");
    const verified = await updateRow(table.client, row.id, {
      Check: { verification: { state: "verified", date: { start: "2024-06-01T00:00:00.000Z" } } },
    });
    expect(simple(verified, "Check")).toMatchObject({
      state: "verified",
      date: { start: expect.stringMatching(/^2024-06-01/) },
      verified_by: { object: "user", id: ws.ownerId },
    });
    const unverified = await updateRow(table.client, row.id, {
      Check: { verification: { state: "unverified" } },
    });
    expect(simple(unverified, "Check")).toEqual({ state: "unverified", date: null, verified_by: null });
  });
});

describe("row values: options", () => {
  it("creates a select or multi_select option on write and adds it to the schema", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const row = await addRow(table, "Row", {
      Kind: { select: { name: "Feature" } },
      Tags: { multi_select: [{ name: "db" }, { name: "ui" }] },
    });
    expect(simple(row, "Kind")).toBe("Feature");
    expect(simple(row, "Tags")).toEqual(["db", "ui"]);
    const source = fullDataSource(
      await table.client.dataSources.retrieve({ data_source_id: table.dataSourceId }),
    );
    const kind = source.properties["Kind"];
    const tags = source.properties["Tags"];
    expect(kind?.type === "select" && kind.select.options.map((o) => o.name)).toEqual(["Bug", "Feature"]);
    expect(tags?.type === "multi_select" && tags.multi_select.options.map((o) => o.name)).toEqual([
      "ui",
      "api",
      "db",
    ]);
    const feature = kind?.type === "select" ? kind.select.options[1] : undefined;
    expect(row.properties["Kind"]).toMatchObject({
      select: { id: feature?.id, name: "Feature", color: feature?.color },
    });
    // A second write of the same name reuses the option.
    const again = await addRow(table, "Again", { Kind: { select: { name: "Feature" } } });
    expect(again.properties["Kind"]).toMatchObject({ select: { id: feature?.id } });
  });

  it("selects an option by id, and rejects an unknown id", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    const kind = table.dataSource.properties["Kind"];
    const bugId = kind?.type === "select" ? (kind.select.options[0]?.id ?? "") : "";
    expect(simple(await addRow(table, "Row", { Kind: { select: { id: bugId } } }), "Kind")).toBe("Bug");
    await expectApiError(addRow(table, "Bad", { Kind: { select: { id: "nope-not-an-option" } } }), {
      status: 400,
      code: "validation_error",
    });
  });

  it("rejects option names with commas", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, SCHEMA);
    await expectApiError(addRow(table, "Row", { Tags: { multi_select: [{ name: "a,b" }] } }), {
      status: 400,
      code: "validation_error",
    });
  });

  it("defaults status to the first To-do option, rejects unknown status names, and resets on null", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { State: { status: {} } });
    const row = await addRow(table, "Row");
    expect(simple(row, "State")).toBe("Not started");
    await expectApiError(updateRow(table.client, row.id, { State: { status: { name: "Nonexistent" } } }), {
      status: 400,
      code: "validation_error",
    });
    expect(
      simple(await updateRow(table.client, row.id, { State: { status: { name: "Done" } } }), "State"),
    ).toBe("Done");
    expect(simple(await updateRow(table.client, row.id, { State: { status: null } }), "State")).toBe(
      "Not started",
    );
  });
});

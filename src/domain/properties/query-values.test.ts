import { describe, expect, it } from "vitest";
import { dateQueryValues, queryValues } from "./query-values.ts";
import { applySchemaUpdate } from "./schema-update.ts";
import { readOptions } from "./select-options.ts";
import { parseRowValues } from "./value-parse.ts";
import { dateToEpoch } from "./zoned-time.ts";
import { PAGE_A, PAGE_B, USER_A, byName, sampleSchema } from "./test-helpers.ts";

describe("queryValues", () => {
  it("encodes every stored type", () => {
    const schema = sampleSchema();
    const id = (name: string) => byName(schema, name).id;
    const { values } = parseRowValues(
      schema,
      {
        Name: { title: [{ text: { content: "Hello " } }, { text: { content: "world" } }] },
        Notes: { rich_text: [] },
        Price: { number: 3.5 },
        Kind: { select: { name: "Veg" } },
        Tags: { multi_select: [{ name: "b" }, { name: "a" }] },
        Stage: { status: { name: "Done" } },
        Due: { date: { start: "2024-01-02", end: "2024-01-03" } },
        Owners: { people: [{ id: USER_A }] },
        Attachments: { files: [{ name: "a", external: { url: "https://x.test/a" } }] },
        Link: { url: "https://x.test" },
        Mail: { email: "a@b.c" },
        Related: { relation: [{ id: PAGE_A }, { id: PAGE_B }] },
        Checked: { verification: { state: "verified" } },
        Where: { place: { lat: 1, lon: 2, name: "Home" } },
      },
      "body.properties",
      { creating: true },
    );
    values[id("Code")] = { prefix: "TK", number: 12 };
    expect(queryValues(schema, values)).toEqual({
      title: "Hello world",
      [id("Price")]: 3.5,
      [id("Kind")]: "Veg",
      [id("Tags")]: ["b", "a"],
      [id("Stage")]: "Done",
      [id("Due")]: Date.UTC(2024, 0, 2),
      [`${id("Due")}:end`]: Date.UTC(2024, 0, 3),
      [id("Owners")]: [USER_A],
      [id("Attachments")]: 1,
      [id("Done")]: false,
      [id("Link")]: "https://x.test",
      [id("Mail")]: "a@b.c",
      [id("Related")]: [PAGE_A, PAGE_B],
      [id("Checked")]: "verified",
      [id("Where")]: "Home",
      [id("Code")]: 12,
    });
  });

  it("leaves empty values out but always has checkboxes", () => {
    const schema = sampleSchema();
    expect(queryValues(schema, {})).toEqual({ [byName(schema, "Done").id]: false });
  });

  it("reads option names from the schema", () => {
    const schema = sampleSchema();
    const kind = byName(schema, "Kind");
    const { values } = parseRowValues(schema, { Kind: { select: { name: "Veg" } } });
    const veg = readOptions(kind.config)[1];
    const renamed = applySchemaUpdate(
      schema,
      { Kind: { select: { options: [{ id: veg?.id, name: "Greens" }] } } },
      "body.properties",
      "2025-09-03",
    ).schema;
    expect(queryValues(renamed, values)[kind.id]).toBe("Greens");
  });
});

describe("dates as epoch milliseconds", () => {
  it("treats date-only and offset-less values as UTC without a time zone", () => {
    expect(dateToEpoch("2024-03-10", null)).toBe(Date.UTC(2024, 2, 10));
    expect(dateToEpoch("2024-03-10T08:30", null)).toBe(Date.UTC(2024, 2, 10, 8, 30));
    expect(dateToEpoch("2024-03-10T08:30:15.250", null)).toBe(Date.UTC(2024, 2, 10, 8, 30, 15, 250));
  });

  it("honours explicit offsets", () => {
    expect(dateToEpoch("2024-03-10T08:30:00Z", "Asia/Tokyo")).toBe(Date.UTC(2024, 2, 10, 8, 30));
    expect(dateToEpoch("2024-03-10T08:30:00+05:30", null)).toBe(Date.UTC(2024, 2, 10, 3, 0));
    expect(dateToEpoch("2024-03-10T08:30:00-0800", null)).toBe(Date.UTC(2024, 2, 10, 16, 30));
  });

  it("reads wall times and midnights in the value's time zone, across DST", () => {
    expect(dateToEpoch("2024-01-15", "America/New_York")).toBe(Date.UTC(2024, 0, 15, 5));
    expect(dateToEpoch("2024-07-15T09:00:00", "America/New_York")).toBe(Date.UTC(2024, 6, 15, 13));
    expect(dateToEpoch("2024-03-31T12:00:00", "Europe/Paris")).toBe(Date.UTC(2024, 2, 31, 10));
    expect(dateToEpoch("2024-03-30T12:00:00", "Europe/Paris")).toBe(Date.UTC(2024, 2, 30, 11));
    expect(dateToEpoch("2024-06-01", "Asia/Kolkata")).toBe(Date.UTC(2024, 4, 31, 18, 30));
  });

  it("encodes a date value's start and end in its time zone", () => {
    expect(
      dateQueryValues({ start: "2024-01-01T10:00:00", end: "2024-01-01T12:00:00", time_zone: "Asia/Tokyo" }),
    ).toEqual({
      start: Date.UTC(2024, 0, 1, 1),
      end: Date.UTC(2024, 0, 1, 3),
    });
    expect(dateQueryValues(null)).toEqual({});
    expect(dateToEpoch("soon", null)).toBeUndefined();
  });
});

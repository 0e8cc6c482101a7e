import { describe, expect, it } from "vitest";
import { readOptions } from "./select-options.ts";
import type { PropertySchema } from "./types.ts";
import { parseRowValues } from "./value-parse.ts";
import { presentRowValue } from "./value-present.ts";
import { PAGE_A, PAGE_B, UPLOAD, USER_A, byName, messageOf, sampleSchema } from "./test-helpers.ts";

const text = (content: string) => [{ text: { content } }];

function write(schema: PropertySchema[], properties: unknown, creating = false) {
  return parseRowValues(schema, properties, "body.properties", { creating });
}

/** Writes one property and presents it back as a page would. */
function roundTrip(name: string, value: Record<string, unknown>) {
  const schema = sampleSchema();
  const entry = byName(schema, name);
  const { values } = write(schema, { [name]: value });
  return presentRowValue(entry, values[entry.id]);
}

describe("parseRowValues round trips", () => {
  it("title and rich_text", () => {
    const title = roundTrip("Name", { title: text("Hello") });
    expect(title).toMatchObject({ id: "title", type: "title" });
    expect(title.title).toEqual([
      {
        type: "text",
        text: { content: "Hello", link: null },
        annotations: {
          bold: false,
          italic: false,
          strikethrough: false,
          underline: false,
          code: false,
          color: "default",
        },
        plain_text: "Hello",
        href: null,
      },
    ]);
    expect(roundTrip("Notes", { rich_text: text("x") }).rich_text).toHaveLength(1);
    expect(roundTrip("Notes", { type: "rich_text", rich_text: [] }).rich_text).toEqual([]);
  });

  it("number, checkbox, url, email and phone_number, with null clearing", () => {
    expect(roundTrip("Price", { number: 2.5 }).number).toBe(2.5);
    expect(roundTrip("Price", { number: null }).number).toBeNull();
    expect(roundTrip("Done", { checkbox: true }).checkbox).toBe(true);
    expect(roundTrip("Link", { url: "https://example.com" }).url).toBe("https://example.com");
    expect(roundTrip("Link", { url: null }).url).toBeNull();
    expect(roundTrip("Mail", { email: "a@b.c" }).email).toBe("a@b.c");
    expect(roundTrip("Phone", { phone_number: "+1 555" }).phone_number).toBe("+1 555");
  });

  it("select by name or id, creating options for new names", () => {
    const schema = sampleSchema();
    const kind = byName(schema, "Kind");
    const [fruit] = readOptions(kind.config);
    const byNameWrite = write(schema, { Kind: { select: { name: "Fruit" } } });
    expect(byNameWrite.values[kind.id]).toEqual({ id: fruit?.id, name: "Fruit", color: "red" });
    expect(byNameWrite.newOptions).toEqual([]);
    expect(write(schema, { [kind.id]: { select: { id: fruit?.id } } }).values[kind.id]).toMatchObject({
      name: "Fruit",
    });
    const created = write(schema, { Kind: { select: { name: "Nut" } } });
    expect(created.newOptions).toEqual([
      {
        propertyId: kind.id,
        option: { id: expect.any(String), name: "Nut", color: "brown", description: null },
      },
    ]);
    expect(created.values[kind.id]).toEqual({
      id: created.newOptions[0]?.option.id,
      name: "Nut",
      color: "brown",
    });
    expect(
      write(schema, { Kind: { select: { name: "Nut", color: "pink" } } }).newOptions[0]?.option.color,
    ).toBe("pink");
    expect(write(schema, { Kind: { select: null } }).values[kind.id]).toBeNull();
  });

  it("multi_select resolves, creates once and de-duplicates", () => {
    const schema = sampleSchema();
    const tags = byName(schema, "Tags");
    const { values, newOptions } = write(schema, {
      Tags: { multi_select: [{ name: "a" }, { name: "new" }, { name: "new" }, { name: "a" }] },
    });
    expect(newOptions).toHaveLength(1);
    expect((values[tags.id] as Array<{ name: string }>).map((o) => o.name)).toEqual(["a", "new"]);
    expect(write(schema, { Tags: { multi_select: [] } }).values[tags.id]).toEqual([]);
  });

  it("status must name an existing option; null and creation give the default", () => {
    const schema = sampleSchema();
    const stage = byName(schema, "Stage");
    expect(write(schema, { Stage: { status: { name: "Done" } } }).values[stage.id]).toMatchObject({
      name: "Done",
      color: "green",
    });
    expect(write(schema, { Stage: { status: null } }).values[stage.id]).toMatchObject({
      name: "Not started",
    });
    expect(write(schema, {}, true).values[stage.id]).toMatchObject({ name: "Not started" });
    expect(write(schema, {}, false).values[stage.id]).toBeUndefined();
    expect(messageOf(() => write(schema, { Stage: { status: { name: "Later" } } }))).toBe(
      "Status option Later does not exist for property Stage.",
    );
  });

  it("date with end and time zone", () => {
    expect(roundTrip("Due", { date: { start: "2024-03-01" } }).date).toEqual({
      start: "2024-03-01",
      end: null,
      time_zone: null,
    });
    expect(
      roundTrip("Due", {
        date: { start: "2024-03-01T09:00:00", end: "2024-03-02T10:00:00", time_zone: "Europe/Paris" },
      }).date,
    ).toEqual({ start: "2024-03-01T09:00:00", end: "2024-03-02T10:00:00", time_zone: "Europe/Paris" });
    expect(roundTrip("Due", { date: null }).date).toBeNull();
  });

  it("people and relation return ids for the service to check", () => {
    const schema = sampleSchema();
    const owners = byName(schema, "Owners");
    const related = byName(schema, "Related");
    const out = write(schema, {
      Owners: {
        people: [
          { id: USER_A },
          { id: USER_A.replace(/-/g, ""), object: "user" },
          { id: PAGE_B, object: "group" },
        ],
      },
      Related: { relation: [{ id: PAGE_A }, { id: PAGE_A }, { id: PAGE_B }] },
    });
    expect(out.values[owners.id]).toEqual([
      { object: "user", id: USER_A },
      { object: "group", id: PAGE_B, name: null },
    ]);
    expect(out.people).toEqual([USER_A, PAGE_B]);
    expect(out.values[related.id]).toEqual([{ id: PAGE_A }, { id: PAGE_B }]);
    expect(out.relations).toEqual([{ propertyId: related.id, pageIds: [PAGE_A, PAGE_B] }]);
    expect(presentRowValue(related, out.values[related.id])).toEqual({
      id: related.id,
      type: "relation",
      relation: [{ id: PAGE_A }, { id: PAGE_B }],
      has_more: false,
    });
  });

  it("files: external, hosted and uploads", () => {
    const schema = sampleSchema();
    const files = byName(schema, "Attachments");
    const out = write(schema, {
      Attachments: {
        files: [
          { name: "a.png", external: { url: "https://x.test/a.png" } },
          {
            name: "b.pdf",
            type: "file",
            file: { url: "https://files.test/b.pdf", expiry_time: "2030-01-01T00:00:00.000Z" },
          },
          { file_upload: { id: UPLOAD } },
        ],
      },
    });
    expect(out.values[files.id]).toEqual([
      { name: "a.png", type: "external", external: { url: "https://x.test/a.png" } },
      {
        name: "b.pdf",
        type: "file",
        file: { url: "https://files.test/b.pdf", expiry_time: "2030-01-01T00:00:00.000Z" },
      },
      { name: "", type: "file_upload", file_upload: { id: UPLOAD } },
    ]);
    expect(out.fileUploads).toEqual([UPLOAD]);
  });

  it("verification and place", () => {
    expect(
      roundTrip("Checked", { verification: { state: "verified", date: { start: "2024-01-01T00:00:00Z" } } })
        .verification,
    ).toEqual({
      state: "verified",
      date: { start: "2024-01-01T00:00:00Z", end: null, time_zone: null },
      verified_by: null,
    });
    expect(roundTrip("Checked", { verification: { state: "unverified" } }).verification).toEqual({
      state: "unverified",
      date: null,
      verified_by: null,
    });
    expect(
      roundTrip("Where", { place: { lat: 48.85, lon: 2.35, name: "Paris", address: null } }).place,
    ).toEqual({
      lat: 48.85,
      lon: 2.35,
      name: "Paris",
      address: null,
    });
    expect(roundTrip("Where", { place: null }).place).toBeNull();
  });

  it("reports touched ids in request order, once each", () => {
    const schema = sampleSchema();
    const out = write(schema, {
      Price: { number: 1 },
      Name: { title: [] },
      [byName(schema, "Price").id]: { number: 2 },
    });
    expect(out.touched).toEqual([byName(schema, "Price").id, "title"]);
    expect(out.values[byName(schema, "Price").id]).toBe(2);
  });
});

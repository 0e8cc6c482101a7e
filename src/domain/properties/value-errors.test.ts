import { describe, expect, it } from "vitest";
import type { PropertySchema } from "./types.ts";
import { parseRowValues } from "./value-parse.ts";
import { PAGE_A, messageOf, sampleSchema } from "./test-helpers.ts";

const text = (content: string) => [{ text: { content } }];

function write(schema: PropertySchema[], properties: unknown) {
  return parseRowValues(schema, properties, "body.properties", { creating: false });
}

describe("parseRowValues errors", () => {
  const schema = sampleSchema();

  it("names unknown properties and type mismatches together", () => {
    expect(messageOf(() => write(schema, { Nope: { number: 1 } }))).toBe(
      "Nope is not a property that exists.",
    );
    expect(messageOf(() => write(schema, { Notes: { number: 1 }, Link: { files: [] } }))).toBe(
      "Notes is expected to be rich_text. Link is expected to be files.".replace("files", "url"),
    );
  });

  it("refuses read-only properties with the list of writable value types", () => {
    for (const name of ["Calc", "Created", "Code", "Press"]) {
      const message = messageOf(() => write(schema, { [name]: { formula: {} } }));
      expect(message).toMatch(/^body failed validation\. Fix one:\n/);
      expect(message.split("\n").slice(1, 4)).toEqual([
        `body.properties.${name}.title should be defined, instead was \`undefined\`.`,
        `body.properties.${name}.rich_text should be defined, instead was \`undefined\`.`,
        `body.properties.${name}.number should be defined, instead was \`undefined\`.`,
      ]);
    }
    expect(messageOf(() => write(schema, { Calc: { number: 3 } }))).toBe("Calc is expected to be formula.");
  });

  it("does not take bare arrays for titles (the SDK sends {title: [...]})", () => {
    expect(messageOf(() => write(schema, { Name: text("x") }))).toBe(
      'body failed validation: body.properties.Name should be an object, instead was `[{"text":{"content":"x"}}]`.',
    );
  });

  it("checks value shapes with Notion's messages", () => {
    const cases: Array<[unknown, string]> = [
      [{ Price: { number: "x" } }, 'body.properties.Price.number should be a number, instead was `"x"`.'],
      [
        { Done: { checkbox: "yes" } },
        'body.properties.Done.checkbox should be a boolean, instead was `"yes"`.',
      ],
      [{ Link: { url: "" } }, "body.properties.Link.url.length should be ≥ `1`, instead was `0`."],
      [
        { Link: { url: "x".repeat(2001) } },
        "body.properties.Link.url.length should be ≤ `2000`, instead was `2001`.",
      ],
      [
        { Mail: { email: "x".repeat(201) } },
        "body.properties.Mail.email.length should be ≤ `200`, instead was `201`.",
      ],
      [
        { Phone: { phone_number: 5 } },
        "body.properties.Phone.phone_number should be a string, instead was `5`.",
      ],
      [
        { Due: { date: { start: "tomorrow" } } },
        'body.properties.Due.date.start should be a valid ISO 8601 date string, instead was `"tomorrow"`.',
      ],
      [
        { Owners: { people: [{ id: "me" }] } },
        'body.properties.Owners.people[0].id should be a valid uuid, instead was `"me"`.',
      ],
      [
        { Related: { relation: [{}] } },
        "body.properties.Related.relation[0].id should be defined, instead was `undefined`.",
      ],
      [
        { Where: { place: { lat: 91, lon: 0 } } },
        "body.properties.Where.place.lat should be ≤ `90`, instead was `91`.",
      ],
      [
        { Where: { place: { lat: 0, lon: -181 } } },
        "body.properties.Where.place.lon should be ≥ `-180`, instead was `-181`.",
      ],
      [
        { Checked: { verification: { state: "expired" } } },
        'body.properties.Checked.verification.state should be `"verified"`, or `"unverified"`, instead was `"expired"`.',
      ],
      [
        { Attachments: { files: [{ name: "x", external: { url: "nope" } }] } },
        'body.properties.Attachments.files[0].external.url should be a valid URL, instead was `"nope"`.',
      ],
    ];
    for (const [input, message] of cases) {
      expect(messageOf(() => write(schema, input))).toBe(`body failed validation: ${message}`);
    }
  });

  it("enforces the 100-item limits", () => {
    const many = Array.from({ length: 101 }, () => ({ id: PAGE_A }));
    expect(messageOf(() => write(schema, { Related: { relation: many } }))).toBe(
      "body failed validation: body.properties.Related.relation.length should be ≤ `100`, instead was `101`.",
    );
    const tags = Array.from({ length: 101 }, (_, i) => ({ name: `t${i}` }));
    expect(messageOf(() => write(schema, { Tags: { multi_select: tags } }))).toMatch(
      /multi_select\.length should be ≤ `100`/,
    );
  });

  it("refuses commas and unknown ids in options", () => {
    expect(messageOf(() => write(schema, { Kind: { select: { name: "a,b" } } }))).toBe(
      "Invalid select option, commas not allowed: a,b",
    );
    expect(messageOf(() => write(schema, { Kind: { select: { id: "zzz" } } }))).toBe(
      "Option with id zzz does not exist for property Kind.",
    );
    expect(messageOf(() => write(schema, { Kind: { select: {} } }))).toBe(
      "body failed validation. Fix one:\n" +
        "body.properties.Kind.select.id should be defined, instead was `undefined`.\n" +
        "body.properties.Kind.select.name should be defined, instead was `undefined`.",
    );
  });

  it("requires an object of properties", () => {
    expect(messageOf(() => write(schema, []))).toBe(
      "body failed validation: body.properties should be an object, instead was `[]`.",
    );
    expect(write(schema, undefined).values).toEqual({});
  });
});

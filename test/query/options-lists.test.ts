import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixture, ME_ID, OTHER_ID, property, THIRD_ID, type QueryFixture } from "./query-fixture.ts";

const PAGE_1 = "aaaaaaaa-0000-4000-8000-000000000001";
const PAGE_2 = "aaaaaaaa-0000-4000-8000-000000000002";

const options = (...names: string[]) => ({
  options: names.map((name, i) => ({ id: `o${i}`, name, color: "default", description: null })),
});

const schema = [
  property("title", "Name", "title"),
  property("sel", "Priority", "select", options("High", "Medium", "Low")),
  property("sts", "Stage", "status", options("Not started", "In progress", "Done")),
  property("ms", "Tags", "multi_select", options("red", "green", "blue")),
  property("ppl", "Owners", "people"),
  property("rel", "Related", "relation", {
    data_source_id: PAGE_1,
    type: "single_property",
    single_property: {},
  }),
  property("fil", "Attachments", "files"),
  property("ver", "Verified", "verification"),
  property("cb", "Creator", "created_by"),
  property("leb", "Editor", "last_edited_by"),
];

let fixture: QueryFixture;

beforeAll(async () => {
  fixture = await createFixture(schema, [
    {
      name: "r1",
      values: {
        sel: "High",
        sts: "Done",
        ms: ["red", "green"],
        ppl: [ME_ID, OTHER_ID],
        rel: [PAGE_1],
        fil: 2,
        ver: "verified",
      },
      createdBy: ME_ID,
      editedBy: OTHER_ID,
    },
    {
      name: "r2",
      values: {
        sel: "Low",
        sts: "In progress",
        ms: ["blue"],
        ppl: [OTHER_ID],
        rel: [PAGE_1, PAGE_2],
        ver: "expired",
      },
      createdBy: OTHER_ID,
      editedBy: OTHER_ID,
    },
    {
      name: "r3",
      values: { sel: "Medium", ms: ["green"], ppl: [THIRD_ID], ver: "unverified" },
      createdBy: OTHER_ID,
      editedBy: ME_ID,
    },
    { name: "r4", values: {}, createdBy: THIRD_ID, editedBy: THIRD_ID },
    {
      name: "r5",
      values: { sel: "high", sts: "Not started", fil: 1 },
      createdBy: THIRD_ID,
      editedBy: THIRD_ID,
    },
  ]);
});

afterAll(async () => {
  await fixture.close();
});

const ALL = ["r1", "r2", "r3", "r4", "r5"];

describe("select and status", () => {
  it.each([
    // Option names match exactly: "high" is another option than "High".
    [{ equals: "High" }, ["r1"]],
    [{ equals: ["High", "Low"] }, ["r1", "r2"]],
    [{ does_not_equal: "High" }, ["r2", "r3", "r4", "r5"]],
    [{ does_not_equal: ["High", "Low"] }, ["r3", "r4", "r5"]],
    [{ is_empty: true }, ["r4"]],
    [{ is_not_empty: true }, ["r1", "r2", "r3", "r5"]],
  ])("select %j", async (condition, expected) => {
    expect(await fixture.matches({ property: "Priority", select: condition })).toEqual(expected);
  });

  // An empty list names no option; Notion refuses it by its shape, before any row is read (issue 20).
  it.each([{ equals: [] }, { does_not_equal: [] }])("refuses select %j", async (condition) => {
    await expect(fixture.matches({ property: "Priority", select: condition })).rejects.toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("length should be ≥ `1`, instead was `0`"),
    });
  });

  it.each([
    [{ equals: "Done" }, ["r1"]],
    [{ equals: ["Done", "Not started"] }, ["r1", "r5"]],
    [{ does_not_equal: "Done" }, ["r2", "r3", "r4", "r5"]],
    [{ is_empty: true }, ["r3", "r4"]],
    [{ is_not_empty: true }, ["r1", "r2", "r5"]],
  ])("status %j", async (condition, expected) => {
    expect(await fixture.matches({ property: "Stage", status: condition })).toEqual(expected);
  });
});

describe("multi_select", () => {
  it.each([
    [{ contains: "green" }, ["r1", "r3"]],
    [{ contains: "GREEN" }, []],
    [{ contains: ["blue", "red"] }, ["r1", "r2"]],
    [{ does_not_contain: "green" }, ["r2", "r4", "r5"]],
    [{ does_not_contain: ["red", "blue"] }, ["r3", "r4", "r5"]],
    [{ is_empty: true }, ["r4", "r5"]],
    [{ is_not_empty: true }, ["r1", "r2", "r3"]],
  ])("%j", async (condition, expected) => {
    expect(await fixture.matches({ property: "Tags", multi_select: condition })).toEqual(expected);
  });
});

describe("people, created_by, last_edited_by", () => {
  it.each([
    [{ contains: ME_ID }, ME_ID, ["r1"]],
    [{ contains: "me" }, ME_ID, ["r1"]],
    [{ contains: "me" }, OTHER_ID, ["r1", "r2"]],
    [{ contains: OTHER_ID.replace(/-/g, "") }, ME_ID, ["r1", "r2"]],
    [{ does_not_contain: "me" }, ME_ID, ["r2", "r3", "r4", "r5"]],
    [{ is_empty: true }, ME_ID, ["r4", "r5"]],
    [{ is_not_empty: true }, ME_ID, ["r1", "r2", "r3"]],
  ])("people %j as %s", async (condition, viewer, expected) => {
    expect(await fixture.matches({ property: "Owners", people: condition }, { viewer })).toEqual(expected);
  });

  it.each([
    [{ property: "Creator", created_by: { contains: "me" } }, ["r1"]],
    [{ property: "Creator", created_by: { does_not_contain: ME_ID } }, ["r2", "r3", "r4", "r5"]],
    [{ property: "Creator", created_by: { is_empty: true } }, []],
    [{ property: "Creator", created_by: { is_not_empty: true } }, ALL],
    [{ property: "Editor", last_edited_by: { contains: OTHER_ID } }, ["r1", "r2"]],
    [{ property: "Editor", last_edited_by: { does_not_contain: "me" } }, ["r1", "r2", "r4", "r5"]],
  ])("%j", async (filter, expected) => {
    expect(await fixture.matches(filter)).toEqual(expected);
  });
});

describe("relation, files, verification", () => {
  it.each([
    [{ contains: PAGE_1 }, ["r1", "r2"]],
    [{ contains: PAGE_2 }, ["r2"]],
    [{ does_not_contain: PAGE_2 }, ["r1", "r3", "r4", "r5"]],
    [{ is_empty: true }, ["r3", "r4", "r5"]],
    [{ is_not_empty: true }, ["r1", "r2"]],
  ])("relation %j", async (condition, expected) => {
    expect(await fixture.matches({ property: "Related", relation: condition })).toEqual(expected);
  });

  it.each([
    [{ is_empty: true }, ["r2", "r3", "r4"]],
    [{ is_not_empty: true }, ["r1", "r5"]],
  ])("files %j", async (condition, expected) => {
    expect(await fixture.matches({ property: "Attachments", files: condition })).toEqual(expected);
  });

  it.each([
    [{ status: "verified" }, ["r1"]],
    [{ status: "expired" }, ["r2"]],
    // "none" is the unverified state, stored or absent.
    [{ status: "none" }, ["r3", "r4", "r5"]],
    [{ does_not_equal: "verified" }, ["r2", "r3", "r4", "r5"]],
    [{ does_not_equal: "none" }, ["r1", "r2"]],
  ])("verification %j", async (condition, expected) => {
    expect(await fixture.matches({ property: "Verified", verification: condition })).toEqual(expected);
  });
});

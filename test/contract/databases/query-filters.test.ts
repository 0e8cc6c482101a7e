import { afterAll, beforeAll, describe, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { ALL, type Dataset, type FilterCase, checkCases, dataset } from "./query-dataset.ts";

/** Every condition of every property type through dataSources.query; see query-dataset.ts for the rows. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const without = (...names: string[]) => ALL.filter((name) => !names.includes(name));

function textCases(
  property: string,
  key: "title" | "rich_text" | "url" | "email" | "phone_number",
  rows: Array<[string, Record<string, unknown>, string[]]>,
): FilterCase[] {
  return rows.map(([label, condition, expected]) => [
    `${key} ${label}`,
    { property, [key]: condition } as FilterCase[1],
    expected,
  ]);
}

const TYPES: Array<[string, (d: Dataset) => FilterCase[]]> = [
  [
    "title",
    () =>
      textCases("Name", "title", [
        ["equals", { equals: "Beta" }, ["Beta"]],
        ["does_not_equal", { does_not_equal: "Beta" }, without("Beta")],
        ["contains", { contains: "lph" }, ["Alpha"]],
        ["does_not_contain", { does_not_contain: "a" }, ["Epsilon"]],
        ["starts_with", { starts_with: "Ep" }, ["Epsilon"]],
        ["ends_with", { ends_with: "ta" }, ["Beta", "Delta"]],
        ["is_empty", { is_empty: true }, []],
        ["is_not_empty", { is_not_empty: true }, ALL],
      ]),
  ],
  [
    "rich_text",
    () =>
      textCases("Notes", "rich_text", [
        ["equals", { equals: "apple" }, ["Epsilon"]],
        ["does_not_equal (empty values included)", { does_not_equal: "apple" }, without("Epsilon")],
        ["contains", { contains: "apple" }, ["Alpha", "Beta", "Epsilon"]],
        ["does_not_contain (empty values included)", { does_not_contain: "apple" }, ["Delta", "Gamma"]],
        ["starts_with", { starts_with: "green" }, ["Beta"]],
        ["ends_with", { ends_with: "pie" }, ["Beta"]],
        ["is_empty", { is_empty: true }, ["Gamma"]],
        ["is_not_empty", { is_not_empty: true }, without("Gamma")],
      ]),
  ],
  [
    "url",
    () =>
      textCases("Link", "url", [
        ["equals", { equals: "https://apple.example" }, ["Epsilon"]],
        ["does_not_equal", { does_not_equal: "https://apple.example" }, without("Epsilon")],
        ["contains", { contains: "apple" }, ["Alpha", "Beta", "Epsilon"]],
        ["does_not_contain", { does_not_contain: "apple" }, ["Delta", "Gamma"]],
        ["starts_with", { starts_with: "https://green" }, ["Beta"]],
        ["ends_with", { ends_with: ".example" }, ["Delta", "Epsilon"]],
        ["is_empty", { is_empty: true }, ["Gamma"]],
        ["is_not_empty", { is_not_empty: true }, without("Gamma")],
      ]),
  ],
  [
    "email",
    () =>
      textCases("Mail", "email", [
        ["equals", { equals: "apple@x.io" }, ["Epsilon"]],
        ["does_not_equal", { does_not_equal: "blue@sky.com" }, without("Delta")],
        ["contains", { contains: "apple" }, ["Alpha", "Beta", "Epsilon"]],
        ["does_not_contain", { does_not_contain: "apple" }, ["Delta", "Gamma"]],
        ["starts_with", { starts_with: "blue" }, ["Delta"]],
        ["ends_with", { ends_with: ".com" }, ["Alpha", "Delta"]],
        ["is_empty", { is_empty: true }, ["Gamma"]],
        ["is_not_empty", { is_not_empty: true }, without("Gamma")],
      ]),
  ],
  [
    "phone_number",
    () =>
      textCases("Phone", "phone_number", [
        ["equals", { equals: "0100" }, ["Epsilon"]],
        ["does_not_equal", { does_not_equal: "0100" }, without("Epsilon")],
        ["contains", { contains: "0100" }, ["Alpha", "Epsilon"]],
        ["does_not_contain", { does_not_contain: "0100" }, ["Beta", "Delta", "Gamma"]],
        ["starts_with", { starts_with: "+" }, ["Alpha", "Beta"]],
        ["ends_with", { ends_with: "1234" }, ["Delta"]],
        ["is_empty", { is_empty: true }, ["Gamma"]],
        ["is_not_empty", { is_not_empty: true }, without("Gamma")],
      ]),
  ],
  [
    "number",
    () => [
      ["equals", { property: "Score", number: { equals: 10 } }, ["Alpha"]],
      ["equals 0 is not empty", { property: "Score", number: { equals: 0 } }, ["Epsilon"]],
      ["does_not_equal", { property: "Score", number: { does_not_equal: 10 } }, without("Alpha")],
      ["greater_than", { property: "Score", number: { greater_than: 0 } }, ["Alpha", "Beta"]],
      ["less_than", { property: "Score", number: { less_than: 0 } }, ["Delta"]],
      [
        "greater_than_or_equal_to",
        { property: "Score", number: { greater_than_or_equal_to: 2.5 } },
        ["Alpha", "Beta"],
      ],
      [
        "less_than_or_equal_to",
        { property: "Score", number: { less_than_or_equal_to: 0 } },
        ["Delta", "Epsilon"],
      ],
      ["is_empty", { property: "Score", number: { is_empty: true } }, ["Gamma"]],
      ["is_not_empty", { property: "Score", number: { is_not_empty: true } }, without("Gamma")],
    ],
  ],
  [
    "unique_id",
    () => [
      ["equals", { property: "Ticket", unique_id: { equals: 3 } }, ["Gamma"]],
      ["does_not_equal", { property: "Ticket", unique_id: { does_not_equal: 3 } }, without("Gamma")],
      ["greater_than", { property: "Ticket", unique_id: { greater_than: 3 } }, ["Delta", "Epsilon"]],
      ["less_than", { property: "Ticket", unique_id: { less_than: 2 } }, ["Alpha"]],
      [
        "greater_than_or_equal_to",
        { property: "Ticket", unique_id: { greater_than_or_equal_to: 4 } },
        ["Delta", "Epsilon"],
      ],
      [
        "less_than_or_equal_to",
        { property: "Ticket", unique_id: { less_than_or_equal_to: 2 } },
        ["Alpha", "Beta"],
      ],
    ],
  ],
  [
    "checkbox",
    () => [
      ["equals true", { property: "Done", checkbox: { equals: true } }, ["Alpha", "Delta"]],
      ["equals false", { property: "Done", checkbox: { equals: false } }, ["Beta", "Epsilon", "Gamma"]],
      [
        "does_not_equal true",
        { property: "Done", checkbox: { does_not_equal: true } },
        ["Beta", "Epsilon", "Gamma"],
      ],
      ["does_not_equal false", { property: "Done", checkbox: { does_not_equal: false } }, ["Alpha", "Delta"]],
    ],
  ],
  [
    "select",
    () => [
      ["equals", { property: "Kind", select: { equals: "Bug" } }, ["Alpha", "Delta"]],
      ["equals any of", { property: "Kind", select: { equals: ["Feature", "Chore"] } }, ["Beta", "Epsilon"]],
      [
        "does_not_equal",
        { property: "Kind", select: { does_not_equal: "Bug" } },
        ["Beta", "Epsilon", "Gamma"],
      ],
      [
        "does_not_equal any of",
        { property: "Kind", select: { does_not_equal: ["Bug", "Chore"] } },
        ["Beta", "Gamma"],
      ],
      ["is_empty", { property: "Kind", select: { is_empty: true } }, ["Gamma"]],
      ["is_not_empty", { property: "Kind", select: { is_not_empty: true } }, without("Gamma")],
    ],
  ],
  [
    "status",
    () => [
      ["equals", { property: "State", status: { equals: "Done" } }, ["Alpha", "Delta"]],
      ["equals the default", { property: "State", status: { equals: "Not started" } }, ["Epsilon", "Gamma"]],
      [
        "equals any of",
        { property: "State", status: { equals: ["Not started", "In progress"] } },
        ["Beta", "Epsilon", "Gamma"],
      ],
      [
        "does_not_equal",
        { property: "State", status: { does_not_equal: "Done" } },
        ["Beta", "Epsilon", "Gamma"],
      ],
      [
        "does_not_equal any of",
        { property: "State", status: { does_not_equal: ["Done", "In progress"] } },
        ["Epsilon", "Gamma"],
      ],
      ["is_empty", { property: "State", status: { is_empty: true } }, []],
      ["is_not_empty", { property: "State", status: { is_not_empty: true } }, ALL],
    ],
  ],
  [
    "multi_select",
    () => [
      ["contains", { property: "Tags", multi_select: { contains: "api" } }, ["Alpha", "Beta"]],
      [
        "contains any of",
        { property: "Tags", multi_select: { contains: ["db", "ui"] } },
        ["Alpha", "Delta", "Epsilon"],
      ],
      [
        "does_not_contain",
        { property: "Tags", multi_select: { does_not_contain: "api" } },
        ["Delta", "Epsilon", "Gamma"],
      ],
      [
        "does_not_contain any of",
        { property: "Tags", multi_select: { does_not_contain: ["api", "db"] } },
        ["Epsilon", "Gamma"],
      ],
      ["is_empty", { property: "Tags", multi_select: { is_empty: true } }, ["Gamma"]],
      ["is_not_empty", { property: "Tags", multi_select: { is_not_empty: true } }, without("Gamma")],
    ],
  ],
  [
    "people, created_by, last_edited_by",
    (d) => [
      ["people contains", { property: "Owners", people: { contains: d.ownerId } }, ["Alpha", "Delta"]],
      ["people contains me", { property: "Owners", people: { contains: "me" } }, ["Alpha", "Delta"]],
      [
        "people does_not_contain",
        { property: "Owners", people: { does_not_contain: d.ownerId } },
        ["Beta", "Epsilon", "Gamma"],
      ],
      ["people is_empty", { property: "Owners", people: { is_empty: true } }, ["Beta", "Epsilon", "Gamma"]],
      ["people is_not_empty", { property: "Owners", people: { is_not_empty: true } }, ["Alpha", "Delta"]],
      ["created_by contains", { property: "Creator", created_by: { contains: d.ownerId } }, ALL],
      [
        "created_by does_not_contain",
        { property: "Creator", created_by: { does_not_contain: d.ownerId } },
        [],
      ],
      ["created_by is_not_empty", { property: "Creator", created_by: { is_not_empty: true } }, ALL],
      [
        "last_edited_by contains the bot",
        { property: "Editor", last_edited_by: { contains: d.botId } },
        ["Beta"],
      ],
      [
        "last_edited_by does_not_contain me",
        { property: "Editor", last_edited_by: { does_not_contain: "me" } },
        ["Beta"],
      ],
      ["last_edited_by is_empty", { property: "Editor", last_edited_by: { is_empty: true } }, []],
    ],
  ],
  [
    "files",
    () => [
      ["is_empty", { property: "Files", files: { is_empty: true } }, ["Beta", "Epsilon", "Gamma"]],
      ["is_not_empty", { property: "Files", files: { is_not_empty: true } }, ["Alpha", "Delta"]],
    ],
  ],
  [
    "relation",
    (d) => [
      ["contains", { property: "Rel", relation: { contains: d.t1 } }, ["Alpha", "Beta"]],
      ["contains (other page)", { property: "Rel", relation: { contains: d.t2 } }, ["Beta", "Delta"]],
      [
        "does_not_contain",
        { property: "Rel", relation: { does_not_contain: d.t1 } },
        ["Delta", "Epsilon", "Gamma"],
      ],
      ["is_empty", { property: "Rel", relation: { is_empty: true } }, ["Epsilon", "Gamma"]],
      ["is_not_empty", { property: "Rel", relation: { is_not_empty: true } }, ["Alpha", "Beta", "Delta"]],
    ],
  ],
  [
    "rollup",
    () => [
      ["number", { property: "Sum", rollup: { number: { greater_than: 10 } } }, ["Beta", "Delta"]],
      [
        "number equals 0 for an empty relation",
        { property: "Sum", rollup: { number: { equals: 0 } } },
        ["Epsilon", "Gamma"],
      ],
      ["any", { property: "Original", rollup: { any: { number: { greater_than: 10 } } } }, ["Beta", "Delta"]],
      // Over an empty relation `every` and `none` hold vacuously or not at all: Notion does not document which.
      [
        "every",
        { property: "Original", rollup: { every: { number: { greater_than: 10 } } } },
        ["Delta"],
        ["Epsilon", "Gamma"],
      ],
      [
        "none",
        { property: "Original", rollup: { none: { number: { greater_than: 10 } } } },
        ["Alpha"],
        ["Epsilon", "Gamma"],
      ],
      ["any equals", { property: "Original", rollup: { any: { number: { equals: 5 } } } }, ["Alpha", "Beta"]],
    ],
  ],
  [
    "verification",
    () => [
      ["status verified", { property: "Check", verification: { status: "verified" } }, ["Alpha"]],
      ["status none", { property: "Check", verification: { status: "none" } }, without("Alpha")],
      ["status expired", { property: "Check", verification: { status: "expired" } }, []],
      [
        "does_not_equal verified",
        { property: "Check", verification: { does_not_equal: "verified" } },
        without("Alpha"),
      ],
    ],
  ],
];

describe("property filters", () => {
  for (const [type, cases] of TYPES) {
    it(`${type}: every condition`, async () => {
      const ws = await server.workspace();
      const data = await dataset(ws);
      await checkCases(data.table, cases(data));
    });
  }

  it("accepts a property id for the property, and the optional type key", async () => {
    const ws = await server.workspace();
    const data = await dataset(ws);
    const scoreId = data.table.dataSource.properties["Score"]?.id ?? "";
    await checkCases(data.table, [
      ["by id", { property: scoreId, number: { greater_than: 0 } }, ["Alpha", "Beta"]],
      ["title by id", { property: "title", title: { equals: "Gamma" } }, ["Gamma"]],
      ["with type", { property: "Score", type: "number", number: { less_than: 0 } }, ["Delta"]],
    ]);
  });
});

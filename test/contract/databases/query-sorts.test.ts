import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import type { TestWorkspace } from "../../support/quire.ts";
import { expectApiError, text } from "../helpers.ts";
import { type Sorts, addRow, newTable, queryNames, updateRow } from "./fixtures.ts";

/** Sorts: by property (each type), by timestamp, several at once, ties, empty values last. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  server.ctx.clock = () => new Date();
});
afterAll(async () => {
  await server.close();
});

function pin(iso: string): void {
  server.ctx.clock = () => new Date(iso);
}

/**
 * | Row     | Score | Due        | Done | Kind    | Notes  | created (clock) | edited again |
 * | Alpha   | 3     | 2024-05-01 | ✓    | Bug     | kiwi   | 10:00           | 16:00        |
 * | Beta    | 1     | –          |      | Feature | apple  | 11:00           |              |
 * | Gamma   | –     | 2024-01-01 | ✓    | –       | –      | 12:00           |              |
 * | Delta   | 3     | 2024-03-01 |      | Bug     | banana | 13:00           | 15:00        |
 * | Epsilon | 2     | 2024-03-01 |      | Chore   | cherry | 14:00           |              |
 */
async function sortable(ws: TestWorkspace) {
  const table = await newTable(ws, {
    Score: { number: {} },
    Due: { date: {} },
    Done: { checkbox: {} },
    Kind: { select: { options: [{ name: "Bug" }, { name: "Feature" }, { name: "Chore" }] } },
    Notes: { rich_text: {} },
  });
  const rows: Array<[string, string, Record<string, unknown>]> = [
    [
      "Alpha",
      "10",
      {
        Score: { number: 3 },
        Due: { date: { start: "2024-05-01" } },
        Done: { checkbox: true },
        Kind: { select: { name: "Bug" } },
        Notes: { rich_text: text("kiwi") },
      },
    ],
    [
      "Beta",
      "11",
      { Score: { number: 1 }, Kind: { select: { name: "Feature" } }, Notes: { rich_text: text("apple") } },
    ],
    ["Gamma", "12", { Due: { date: { start: "2024-01-01" } }, Done: { checkbox: true } }],
    [
      "Delta",
      "13",
      {
        Score: { number: 3 },
        Due: { date: { start: "2024-03-01" } },
        Kind: { select: { name: "Bug" } },
        Notes: { rich_text: text("banana") },
      },
    ],
    [
      "Epsilon",
      "14",
      {
        Score: { number: 2 },
        Due: { date: { start: "2024-03-01" } },
        Kind: { select: { name: "Chore" } },
        Notes: { rich_text: text("cherry") },
      },
    ],
  ];
  const ids: Record<string, string> = {};
  for (const [name, hour, properties] of rows) {
    pin(`2024-03-13T${hour}:00:00.000Z`);
    ids[name] = (await addRow(table, name, properties as Parameters<typeof addRow>[2])).id;
  }
  pin("2024-03-13T15:00:00.000Z");
  await updateRow(table.client, ids["Delta"] ?? "", { Score: { number: 3 } });
  pin("2024-03-13T16:00:00.000Z");
  await updateRow(table.client, ids["Alpha"] ?? "", { Score: { number: 3 } });
  return table;
}

const by = (property: string, direction: "ascending" | "descending" = "ascending") => ({
  property,
  direction,
});

describe("sorts", () => {
  it("sorts by each property type, with empty values last in both directions", async () => {
    const ws = await server.workspace();
    const table = await sortable(ws);
    const cases: Array<[string, Sorts, string[]]> = [
      ["title ascending", [by("Name")], ["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]],
      ["title descending", [by("Name", "descending")], ["Gamma", "Epsilon", "Delta", "Beta", "Alpha"]],
      ["rich_text ascending", [by("Notes")], ["Beta", "Delta", "Epsilon", "Alpha", "Gamma"]],
      ["rich_text descending", [by("Notes", "descending")], ["Alpha", "Epsilon", "Delta", "Beta", "Gamma"]],
      [
        "number ascending, ties by title",
        [by("Score"), by("Name")],
        ["Beta", "Epsilon", "Alpha", "Delta", "Gamma"],
      ],
      [
        "number descending, ties by title",
        [by("Score", "descending"), by("Name")],
        ["Alpha", "Delta", "Epsilon", "Beta", "Gamma"],
      ],
      ["date ascending", [by("Due"), by("Name")], ["Gamma", "Delta", "Epsilon", "Alpha", "Beta"]],
      [
        "date descending",
        [by("Due", "descending"), by("Name")],
        ["Alpha", "Delta", "Epsilon", "Gamma", "Beta"],
      ],
      [
        "checkbox ascending: unchecked first",
        [by("Done"), by("Name")],
        ["Beta", "Delta", "Epsilon", "Alpha", "Gamma"],
      ],
      [
        "checkbox descending",
        [by("Done", "descending"), by("Name")],
        ["Alpha", "Gamma", "Beta", "Delta", "Epsilon"],
      ],
    ];
    const actual: Record<string, string[]> = {};
    for (const [label, sorts] of cases) actual[label] = await queryNames(table, { sorts });
    expect(actual).toEqual(Object.fromEntries(cases.map(([label, , expected]) => [label, expected])));
  });

  it("sorts a select by the order of its options, empty last", async () => {
    const ws = await server.workspace();
    const table = await sortable(ws);
    expect(await queryNames(table, { sorts: [by("Kind"), by("Name")] })).toEqual([
      "Alpha",
      "Delta",
      "Beta",
      "Epsilon",
      "Gamma",
    ]);
    expect(await queryNames(table, { sorts: [by("Kind", "descending"), by("Name")] })).toEqual([
      "Epsilon",
      "Beta",
      "Alpha",
      "Delta",
      "Gamma",
    ]);
  });

  it("sorts a status by the order of its options", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { State: { status: {} } });
    await addRow(table, "Finished", { State: { status: { name: "Done" } } });
    await addRow(table, "Fresh");
    await addRow(table, "Busy", { State: { status: { name: "In progress" } } });
    expect(await queryNames(table, { sorts: [by("State")] })).toEqual(["Fresh", "Busy", "Finished"]);
    expect(await queryNames(table, { sorts: [by("State", "descending")] })).toEqual([
      "Finished",
      "Busy",
      "Fresh",
    ]);
  });

  it("applies several sorts in order of precedence", async () => {
    const ws = await server.workspace();
    const table = await sortable(ws);
    expect(
      await queryNames(table, {
        sorts: [by("Done", "descending"), by("Score", "descending"), by("Name", "descending")],
      }),
    ).toEqual(["Alpha", "Gamma", "Delta", "Epsilon", "Beta"]);
    expect(await queryNames(table, { sorts: [by("Due"), by("Score", "descending")] })).toEqual([
      "Gamma",
      "Delta",
      "Epsilon",
      "Alpha",
      "Beta",
    ]);
  });

  it("sorts by created_time and last_edited_time", async () => {
    const ws = await server.workspace();
    const table = await sortable(ws);
    expect(
      await queryNames(table, { sorts: [{ timestamp: "created_time", direction: "ascending" }] }),
    ).toEqual(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]);
    expect(
      await queryNames(table, { sorts: [{ timestamp: "created_time", direction: "descending" }] }),
    ).toEqual(["Epsilon", "Delta", "Gamma", "Beta", "Alpha"]);
    expect(
      await queryNames(table, { sorts: [{ timestamp: "last_edited_time", direction: "descending" }] }),
    ).toEqual(["Alpha", "Delta", "Epsilon", "Gamma", "Beta"]);
  });

  it("mixes property and timestamp sorts, and sorts by property id", async () => {
    const ws = await server.workspace();
    const table = await sortable(ws);
    const scoreId = table.dataSource.properties["Score"]?.id ?? "";
    expect(
      await queryNames(table, {
        sorts: [
          { property: scoreId, direction: "descending" },
          { timestamp: "created_time", direction: "descending" },
        ],
      }),
    ).toEqual(["Delta", "Alpha", "Epsilon", "Beta", "Gamma"]);
  });

  it("sorts and filters together", async () => {
    const ws = await server.workspace();
    const table = await sortable(ws);
    expect(
      await queryNames(table, {
        filter: { property: "Score", number: { is_not_empty: true } },
        sorts: [by("Notes", "descending")],
      }),
    ).toEqual(["Alpha", "Epsilon", "Delta", "Beta"]);
  });

  it("rejects a sort on an unknown property and an unknown timestamp", async () => {
    const ws = await server.workspace();
    const table = await sortable(ws);
    await expectApiError(
      table.client.dataSources.query({ data_source_id: table.dataSourceId, sorts: [by("Ghost")] }),
      {
        status: 400,
        code: "validation_error",
      },
    );
    const badTimestamp = [{ timestamp: "deleted_time", direction: "ascending" }] as unknown as Sorts;
    await expectApiError(
      table.client.dataSources.query({ data_source_id: table.dataSourceId, sorts: badTimestamp }),
      {
        status: 400,
        code: "validation_error",
      },
    );
    const badDirection = [{ property: "Score", direction: "sideways" }] as unknown as Sorts;
    await expectApiError(
      table.client.dataSources.query({ data_source_id: table.dataSourceId, sorts: badDirection }),
      {
        status: 400,
        code: "validation_error",
      },
    );
  });
});

import { afterAll, afterEach, beforeAll, describe, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import type { TestWorkspace } from "../../support/quire.ts";
import { addRow, newTable, updateRow } from "./fixtures.ts";
import { type FilterCase, checkCases } from "./query-dataset.ts";

/**
 * Date conditions, relative dates and timestamp filters. The server's clock is pinned so "today" is
 * Wednesday 2024-03-13 15:00 UTC and every created_time is known.
 */

let server: TestServer;
const NOW = new Date("2024-03-13T15:00:00.000Z");
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  server.ctx.clock = () => new Date();
});
afterAll(async () => {
  await server.close();
});

function pin(iso: string | Date): void {
  const at = new Date(iso);
  server.ctx.clock = () => new Date(at);
}

/**
 * | Row   | When                 | created_time (clock at creation) |
 * | Old   | 2024-01-01           | 2024-01-01T12:00Z |
 * | Past  | 2024-03-11 (Monday)  | 2024-03-01T12:00Z |
 * | Late  | 2024-03-12T23:30Z    | 2024-03-12T12:00Z |
 * | Today | 2024-03-13           | 2024-03-13T09:00Z |
 * | Soon  | 2024-03-15           | 2024-03-13T10:00Z |
 * | Later | 2024-04-20           | 2024-03-13T11:00Z |
 * | Far   | 2025-06-01           | 2024-03-13T12:00Z |
 * | Empty | –                    | 2024-03-13T13:00Z |
 * Far is edited again at NOW; every other row was last edited when it was created.
 */
async function dates(ws: TestWorkspace) {
  pin("2023-12-01T00:00:00Z");
  const table = await newTable(ws, {
    When: { date: {} },
    Created: { created_time: {} },
    Edited: { last_edited_time: {} },
  });
  const rows: Array<[string, string | null, string]> = [
    ["Old", "2024-01-01", "2024-01-01T12:00:00Z"],
    ["Past", "2024-03-11", "2024-03-01T12:00:00Z"],
    ["Late", "2024-03-12T23:30:00Z", "2024-03-12T12:00:00Z"],
    ["Today", "2024-03-13", "2024-03-13T09:00:00Z"],
    ["Soon", "2024-03-15", "2024-03-13T10:00:00Z"],
    ["Later", "2024-04-20", "2024-03-13T11:00:00Z"],
    ["Far", "2025-06-01", "2024-03-13T12:00:00Z"],
    ["Empty", null, "2024-03-13T13:00:00Z"],
  ];
  const ids: Record<string, string> = {};
  for (const [name, when, created] of rows) {
    pin(created);
    ids[name] = (await addRow(table, name, when ? { When: { date: { start: when } } } : {})).id;
  }
  pin(NOW);
  await updateRow(table.client, ids["Far"] ?? "", { When: { date: { start: "2025-06-01" } } });
  return table;
}

const when = (condition: Record<string, unknown>) => ({ property: "When", date: condition }) as FilterCase[1];
const EVERY = ["Far", "Late", "Later", "Old", "Past", "Soon", "Today"];

describe("date conditions", () => {
  it("absolute dates", async () => {
    const ws = await server.workspace();
    const table = await dates(ws);
    await checkCases(table, [
      ["equals", when({ equals: "2024-03-13" }), ["Today"]],
      ["equals a day holding a datetime", when({ equals: "2024-03-12" }), ["Late"]],
      ["before", when({ before: "2024-03-13" }), ["Late", "Old", "Past"]],
      ["after", when({ after: "2024-03-13" }), ["Far", "Later", "Soon"]],
      ["on_or_before", when({ on_or_before: "2024-03-13" }), ["Late", "Old", "Past", "Today"]],
      ["on_or_after", when({ on_or_after: "2024-03-13" }), ["Far", "Later", "Soon", "Today"]],
      [
        "after a datetime",
        when({ after: "2024-03-12T20:00:00Z" }),
        ["Far", "Late", "Later", "Soon", "Today"],
      ],
      [
        "before a datetime with an offset",
        when({ before: "2024-03-12T18:00:00-06:00" }),
        ["Late", "Old", "Past"],
      ],
      ["is_empty", when({ is_empty: true }), ["Empty"]],
      ["is_not_empty", when({ is_not_empty: true }), EVERY],
    ]);
  });

  it("relative values resolved against the server's clock", async () => {
    const ws = await server.workspace();
    const table = await dates(ws);
    await checkCases(table, [
      ["equals today", when({ equals: "today" }), ["Today"]],
      ["equals yesterday", when({ equals: "yesterday" }), ["Late"]],
      ["equals tomorrow", when({ equals: "tomorrow" }), []],
      ["before today", when({ before: "today" }), ["Late", "Old", "Past"]],
      [
        "after one_week_ago",
        when({ after: "one_week_ago" }),
        ["Far", "Late", "Later", "Past", "Soon", "Today"],
      ],
      ["before one_month_ago", when({ before: "one_month_ago" }), ["Old"]],
      ["after one_week_from_now", when({ after: "one_week_from_now" }), ["Far", "Later"]],
      [
        "before one_month_from_now",
        when({ before: "one_month_from_now" }),
        ["Late", "Old", "Past", "Soon", "Today"],
      ],
      ["on_or_after tomorrow", when({ on_or_after: "tomorrow" }), ["Far", "Later", "Soon"]],
    ]);
  });

  it("periods: past_*, next_* and this_week", async () => {
    const ws = await server.workspace();
    const table = await dates(ws);
    // Whether a date-only value of today falls in a period that starts or ends now is not documented.
    const today = ["Today"];
    await checkCases(table, [
      ["past_week", when({ past_week: {} }), ["Late", "Past"], today],
      ["past_month", when({ past_month: {} }), ["Late", "Past"], today],
      ["past_year", when({ past_year: {} }), ["Late", "Old", "Past"], today],
      ["next_week", when({ next_week: {} }), ["Soon"], today],
      ["next_month", when({ next_month: {} }), ["Soon"], today],
      ["next_year", when({ next_year: {} }), ["Later", "Soon"], today],
      ["this_week", when({ this_week: {} }), ["Late", "Past", "Soon", "Today"]],
    ]);
  });
});

describe("timestamp filters", () => {
  it("filters on created_time and last_edited_time without a property", async () => {
    const ws = await server.workspace();
    const table = await dates(ws);
    await checkCases(table, [
      [
        "created before",
        { timestamp: "created_time", created_time: { before: "2024-03-12T00:00:00Z" } },
        ["Old", "Past"],
      ],
      [
        "created on_or_after (inclusive)",
        { timestamp: "created_time", created_time: { on_or_after: "2024-03-13T12:00:00.000Z" } },
        ["Empty", "Far"],
      ],
      [
        "created equals a day",
        { timestamp: "created_time", created_time: { equals: "2024-03-12" } },
        ["Late"],
      ],
      [
        "created past_week",
        { timestamp: "created_time", created_time: { past_week: {} } },
        ["Empty", "Far", "Late", "Later", "Soon", "Today"],
      ],
      [
        "edited after",
        { timestamp: "last_edited_time", last_edited_time: { after: "2024-03-13T13:30:00Z" } },
        ["Far"],
      ],
      [
        "edited with type",
        {
          timestamp: "last_edited_time",
          type: "last_edited_time",
          last_edited_time: { on_or_before: "2024-01-01T12:00:00Z" },
        },
        ["Old"],
      ],
    ]);
  });

  it("filters on created_time and last_edited_time properties", async () => {
    const ws = await server.workspace();
    const table = await dates(ws);
    await checkCases(table, [
      [
        "created_time property",
        { property: "Created", created_time: { after: "2024-03-13T11:30:00Z" } },
        ["Empty", "Far"],
      ],
      [
        "created_time is_not_empty",
        { property: "Created", created_time: { is_not_empty: true } },
        [...EVERY, "Empty"],
      ],
      [
        "last_edited_time property",
        { property: "Edited", last_edited_time: { on_or_after: "today" } },
        ["Far"],
        ["Empty", "Later", "Soon", "Today"],
      ],
    ]);
  });
});

describe("dates in rollups and formulas", () => {
  it("filters a date rollup and a date formula", async () => {
    const ws = await server.workspace();
    const events = await newTable(ws, { On: { date: {} } }, { title: "Events" });
    const e1 = await addRow(events, "E1", { On: { date: { start: "2024-02-01" } } });
    const e2 = await addRow(events, "E2", { On: { date: { start: "2024-05-01" } } });
    const table = await newTable(
      ws,
      {
        Events: { relation: { data_source_id: events.dataSourceId, single_property: {} } },
        Latest: {
          rollup: { function: "latest_date", relation_property_name: "Events", rollup_property_name: "On" },
        },
        All: {
          rollup: { function: "show_original", relation_property_name: "Events", rollup_property_name: "On" },
        },
        Start: { date: {} },
        Deadline: { formula: { expression: 'dateAdd(prop("Start"), 10, "days")' } },
      },
      { rootId: events.rootId, client: events.client },
    );
    await addRow(table, "Both", {
      Events: { relation: [{ id: e1.id }, { id: e2.id }] },
      Start: { date: { start: "2024-03-01" } },
    });
    await addRow(table, "Early", {
      Events: { relation: [{ id: e1.id }] },
      Start: { date: { start: "2024-01-01" } },
    });
    await addRow(table, "None");
    await checkCases(table, [
      ["rollup date after", { property: "Latest", rollup: { date: { after: "2024-03-01" } } }, ["Both"]],
      ["rollup date is_empty", { property: "Latest", rollup: { date: { is_empty: true } } }, ["None"]],
      [
        "rollup any date",
        { property: "All", rollup: { any: { date: { before: "2024-03-01" } } } },
        ["Both", "Early"],
      ],
      [
        "rollup every date",
        { property: "All", rollup: { every: { date: { before: "2024-03-01" } } } },
        ["Early"],
        ["None"],
      ],
      [
        "formula date on_or_after",
        { property: "Deadline", formula: { date: { on_or_after: "2024-03-11" } } },
        ["Both"],
      ],
      [
        "formula date before",
        { property: "Deadline", formula: { date: { before: "2024-03-11" } } },
        ["Early"],
      ],
    ]);
  });
});

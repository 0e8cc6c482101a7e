import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, text } from "../helpers.ts";
import {
  addRow,
  addRows,
  fullDataSource,
  matching,
  newTable,
  queryNames,
  retrievePage,
  simple,
  updateRow,
} from "./fixtures.ts";
import type { TestWorkspace } from "../../support/quire.ts";

/** Formula properties: computed by Quire from other properties, kept current, filterable and sortable. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function orders(ws: TestWorkspace) {
  return newTable(ws, {
    Price: { number: {} },
    Qty: { number: {} },
    First: { rich_text: {} },
    Start: { date: {} },
    Done: { checkbox: {} },
    Total: { formula: { expression: 'prop("Price") * prop("Qty")' } },
    Label: { formula: { expression: 'prop("First") + " #" + format(prop("Qty"))' } },
    Big: { formula: { expression: 'prop("Qty") > 5' } },
    Due: { formula: { expression: 'dateAdd(prop("Start"), 7, "days")' } },
    Verdict: { formula: { expression: 'if(prop("Done"), "shipped", "open")' } },
    NameLength: { formula: { expression: 'length(prop("Name"))' } },
  });
}

/** Projects, and tasks with Hours related to them both ways (the twin on projects is "Tasks"). */
async function projectsWithHours(ws: TestWorkspace) {
  const projects = await newTable(ws, {}, { title: "Projects" });
  const tasks = await newTable(
    ws,
    {
      Hours: { number: {} },
      Project: {
        relation: {
          data_source_id: projects.dataSourceId,
          type: "dual_property",
          dual_property: { synced_property_name: "Tasks" },
        },
      },
    },
    { rootId: projects.rootId, client: projects.client },
  );
  return { projects, tasks };
}

describe("formula values", () => {
  it("computes number, string, boolean and date results with Notion's typed shape", async () => {
    const ws = await server.workspace();
    const table = await orders(ws);
    const row = await addRow(table, "Widget", {
      Price: { number: 2.5 },
      Qty: { number: 8 },
      First: { rich_text: text("Ada") },
      Start: { date: { start: "2024-02-25" } },
      Done: { checkbox: true },
    });
    expect(row.properties["Total"]).toEqual({
      id: table.dataSource.properties["Total"]?.id,
      type: "formula",
      formula: { type: "number", number: 20 },
    });
    expect(row.properties["Label"]).toMatchObject({ formula: { type: "string", string: "Ada #8" } });
    expect(row.properties["Big"]).toMatchObject({ formula: { type: "boolean", boolean: true } });
    expect(row.properties["Verdict"]).toMatchObject({ formula: { type: "string", string: "shipped" } });
    expect(row.properties["NameLength"]).toMatchObject({ formula: { type: "number", number: 6 } });
    const due = simple(row, "Due") as { start: string; end: string | null };
    expect(due.start.slice(0, 10)).toBe("2024-03-03");
    expect(due.end).toBeNull();
    const page = await retrievePage(table.client, row.id);
    expect(page.properties).toEqual(row.properties);
  });

  it("serves empty results when inputs are empty", async () => {
    const ws = await server.workspace();
    const table = await orders(ws);
    const row = await addRow(table, "Empty");
    expect(simple(row, "Verdict")).toBe("open");
    expect(simple(row, "Big")).toBe(false);
    expect(simple(row, "Due")).toBeNull();
  });

  it("stays current when inputs change", async () => {
    const ws = await server.workspace();
    const table = await orders(ws);
    const row = await addRow(table, "Widget", { Price: { number: 3 }, Qty: { number: 2 } });
    expect([simple(row, "Total"), simple(row, "Big")]).toEqual([6, false]);
    const updated = await updateRow(table.client, row.id, { Qty: { number: 10 }, Done: { checkbox: true } });
    expect([simple(updated, "Total"), simple(updated, "Big"), simple(updated, "Verdict")]).toEqual([
      30,
      true,
      "shipped",
    ]);
    const renamed = await updateRow(table.client, row.id, { Name: { title: text("Gizmo!") } });
    expect(simple(renamed, "NameLength")).toBe(6);
  });

  it("recomputes every row when the expression changes", async () => {
    const ws = await server.workspace();
    const table = await orders(ws);
    const a = await addRow(table, "A", { Price: { number: 1 }, Qty: { number: 4 } });
    await table.client.dataSources.update({
      data_source_id: table.dataSourceId,
      properties: { Total: { formula: { expression: 'prop("Price") + prop("Qty")' } } },
    });
    expect(simple(await retrievePage(table.client, a.id), "Total")).toBe(5);
  });

  it("keeps working after an input property is renamed", async () => {
    const ws = await server.workspace();
    const table = await orders(ws);
    const a = await addRow(table, "A", { Price: { number: 2 }, Qty: { number: 4 } });
    const updated = fullDataSource(
      await table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { Price: { name: "Cost" } },
      }),
    );
    const total = updated.properties["Total"];
    expect(total?.type === "formula" && total.formula.expression).toContain("Cost");
    const after = await updateRow(table.client, a.id, { Qty: { number: 5 } });
    expect(simple(after, "Total")).toBe(10);
  });

  it("follows a rollup of related rows", async () => {
    const ws = await server.workspace();
    const { projects, tasks } = await projectsWithHours(ws);
    await projects.client.dataSources.update({
      data_source_id: projects.dataSourceId,
      properties: {
        Hours: {
          rollup: { function: "sum", relation_property_name: "Tasks", rollup_property_name: "Hours" },
        },
      },
    });
    await projects.client.dataSources.update({
      data_source_id: projects.dataSourceId,
      properties: { Days: { formula: { expression: 'prop("Hours") / 8' } } },
    });
    const apollo = await addRow(projects, "Apollo");
    const t1 = await addRow(tasks, "T1", {
      Hours: { number: 4 },
      Project: { relation: [{ id: apollo.id }] },
    });
    expect(simple(await retrievePage(projects.client, apollo.id), "Days")).toBe(0.5);
    await updateRow(tasks.client, t1.id, { Hours: { number: 16 } });
    expect(simple(await retrievePage(projects.client, apollo.id), "Days")).toBe(2);
    expect(await matching(projects, { property: "Days", formula: { number: { equals: 2 } } })).toEqual([
      "Apollo",
    ]);
  });

  it("reads properties of related pages through current.prop()", async () => {
    const ws = await server.workspace();
    const { projects, tasks } = await projectsWithHours(ws);
    await projects.client.dataSources.update({
      data_source_id: projects.dataSourceId,
      properties: { Total: { formula: { expression: 'prop("Tasks").map(current.prop("Hours")).sum()' } } },
    });
    const apollo = await addRow(projects, "Apollo");
    await addRow(tasks, "T1", { Hours: { number: 3 }, Project: { relation: [{ id: apollo.id }] } });
    const t2 = await addRow(tasks, "T2", {
      Hours: { number: 5 },
      Project: { relation: [{ id: apollo.id }] },
    });
    expect(simple(await retrievePage(projects.client, apollo.id), "Total")).toBe(8);
    await updateRow(tasks.client, t2.id, { Hours: { number: 10 } });
    expect(simple(await retrievePage(projects.client, apollo.id), "Total")).toBe(13);
  });

  it("rejects an expression that does not parse", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await expectApiError(
      table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: { Bad: { formula: { expression: 'prop("Name" +' } } },
      }),
      { status: 400, code: "validation_error" },
    );
  });
});

describe("formula filters and sorts", () => {
  async function filled(ws: TestWorkspace) {
    const table = await orders(ws);
    await addRows(table, {
      Cheap: {
        Price: { number: 1 },
        Qty: { number: 3 },
        First: { rich_text: text("ann") },
        Start: { date: { start: "2024-01-01" } },
      },
      Bulk: {
        Price: { number: 2 },
        Qty: { number: 50 },
        First: { rich_text: text("bob") },
        Done: { checkbox: true },
      },
      Fancy: {
        Price: { number: 40 },
        Qty: { number: 1 },
        First: { rich_text: text("cy") },
        Start: { date: { start: "2024-06-01" } },
      },
      Blank: {},
    });
    return table;
  }

  it("filters on number, string, checkbox and date results", async () => {
    const ws = await server.workspace();
    const table = await filled(ws);
    expect(await matching(table, { property: "Total", formula: { number: { greater_than: 10 } } })).toEqual([
      "Bulk",
      "Fancy",
    ]);
    expect(await matching(table, { property: "Total", formula: { number: { is_empty: true } } })).toEqual([
      "Blank",
    ]);
    expect(await matching(table, { property: "Label", formula: { string: { starts_with: "bob" } } })).toEqual(
      ["Bulk"],
    );
    expect(await matching(table, { property: "Verdict", formula: { string: { equals: "open" } } })).toEqual([
      "Blank",
      "Cheap",
      "Fancy",
    ]);
    expect(await matching(table, { property: "Big", formula: { checkbox: { equals: true } } })).toEqual([
      "Bulk",
    ]);
    expect(await matching(table, { property: "Due", formula: { date: { after: "2024-03-01" } } })).toEqual([
      "Fancy",
    ]);
    expect(await matching(table, { property: "Due", formula: { date: { is_empty: true } } })).toEqual([
      "Blank",
      "Bulk",
    ]);
  });

  it("sorts by a formula, empties last", async () => {
    const ws = await server.workspace();
    const table = await filled(ws);
    expect(await queryNames(table, { sorts: [{ property: "Total", direction: "descending" }] })).toEqual([
      "Bulk",
      "Fancy",
      "Cheap",
      "Blank",
    ]);
    expect(await queryNames(table, { sorts: [{ property: "Total", direction: "ascending" }] })).toEqual([
      "Cheap",
      "Fancy",
      "Bulk",
      "Blank",
    ]);
  });
});

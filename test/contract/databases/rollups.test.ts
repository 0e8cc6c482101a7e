import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import type { TestWorkspace } from "../../support/quire.ts";
import { addRow, matching, newTable, projectsAndTasks, retrievePage, simple, updateRow } from "./fixtures.ts";

/** Rollups: every function over related rows, kept current when the relation or a related row changes. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("rollups", () => {
  const FUNCTIONS = [
    "count",
    "count_values",
    "empty",
    "not_empty",
    "unique",
    "percent_empty",
    "percent_not_empty",
    "sum",
    "average",
    "median",
    "min",
    "max",
    "range",
  ] as const;
  const DATE_FUNCTIONS = ["earliest_date", "latest_date", "date_range"] as const;
  const CHECK_FUNCTIONS = ["checked", "unchecked", "percent_checked", "percent_unchecked"] as const;

  async function summary(ws: TestWorkspace) {
    const items = await newTable(
      ws,
      { Points: { number: {} }, When: { date: {} }, Done: { checkbox: {} } },
      { title: "Items" },
    );
    const schema: Record<string, unknown> = {
      Items: { relation: { data_source_id: items.dataSourceId, single_property: {} } },
      Original: {
        rollup: {
          function: "show_original",
          relation_property_name: "Items",
          rollup_property_name: "Points",
        },
      },
      Distinct: {
        rollup: { function: "show_unique", relation_property_name: "Items", rollup_property_name: "Done" },
      },
    };
    for (const fn of FUNCTIONS)
      schema[fn] = {
        rollup: { function: fn, relation_property_name: "Items", rollup_property_name: "Points" },
      };
    for (const fn of DATE_FUNCTIONS)
      schema[fn] = {
        rollup: { function: fn, relation_property_name: "Items", rollup_property_name: "When" },
      };
    for (const fn of CHECK_FUNCTIONS)
      schema[fn] = {
        rollup: { function: fn, relation_property_name: "Items", rollup_property_name: "Done" },
      };
    const table = await newTable(ws, schema as Parameters<typeof newTable>[1], {
      rootId: items.rootId,
      client: items.client,
    });
    const rows = {
      i1: await addRow(items, "I1", {
        Points: { number: 10 },
        When: { date: { start: "2024-01-10" } },
        Done: { checkbox: true },
      }),
      i2: await addRow(items, "I2", { Points: { number: 4 }, When: { date: { start: "2024-03-01" } } }),
      i3: await addRow(items, "I3", { Done: { checkbox: true } }),
      i4: await addRow(items, "I4", { Points: { number: 7 }, When: { date: { start: "2024-02-15" } } }),
    };
    return { items, table, rows };
  }

  const values = (page: Awaited<ReturnType<typeof retrievePage>>, names: readonly string[]) =>
    Object.fromEntries(names.map((name) => [name, simple(page, name)]));
  const day = (value: unknown) => {
    const date = value as { start: string; end: string | null } | null;
    return date && { start: date.start.slice(0, 10), end: date.end?.slice(0, 10) ?? null };
  };

  it("computes every number, date and checkbox function over the related rows", async () => {
    const ws = await server.workspace();
    const { table, rows } = await summary(ws);
    const related = [rows.i1, rows.i2, rows.i3, rows.i4].map((r) => ({ id: r.id }));
    const row = await addRow(table, "All", { Items: { relation: related } });
    const page = await retrievePage(table.client, row.id);
    expect(values(page, FUNCTIONS)).toEqual({
      count: 4,
      count_values: 3,
      empty: 1,
      not_empty: 3,
      unique: 3,
      percent_empty: 0.25,
      percent_not_empty: 0.75,
      sum: 21,
      average: 7,
      median: 7,
      min: 4,
      max: 10,
      range: 6,
    });
    expect(values(page, CHECK_FUNCTIONS)).toEqual({
      checked: 2,
      unchecked: 2,
      percent_checked: 0.5,
      percent_unchecked: 0.5,
    });
    expect(day(simple(page, "earliest_date"))).toEqual({ start: "2024-01-10", end: null });
    expect(day(simple(page, "latest_date"))).toEqual({ start: "2024-03-01", end: null });
    expect(day(simple(page, "date_range"))).toEqual({ start: "2024-01-10", end: "2024-03-01" });
    expect(page.properties["sum"]).toMatchObject({
      type: "rollup",
      rollup: { type: "number", number: 21, function: "sum" },
    });
    expect(page.properties["earliest_date"]).toMatchObject({
      rollup: { type: "date", function: "earliest_date" },
    });
  });

  it("shows the original values of every related row", async () => {
    const ws = await server.workspace();
    const { table, rows } = await summary(ws);
    const row = await addRow(table, "Some", {
      Items: { relation: [{ id: rows.i4.id }, { id: rows.i3.id }, { id: rows.i1.id }] },
    });
    const original = row.properties["Original"];
    expect(original).toMatchObject({ type: "rollup", rollup: { type: "array", function: "show_original" } });
    const array =
      original?.type === "rollup" && original.rollup.type === "array" ? original.rollup.array : [];
    expect(array).toHaveLength(3);
    expect(array).toEqual(
      expect.arrayContaining([
        { type: "number", number: 7 },
        { type: "number", number: null },
        { type: "number", number: 10 },
      ]),
    );
  });

  it("shows the unique values of the related rows", async () => {
    const ws = await server.workspace();
    const { table, rows } = await summary(ws);
    const all = [rows.i1, rows.i2, rows.i3, rows.i4].map((r) => ({ id: r.id }));
    const row = await addRow(table, "All", { Items: { relation: all } });
    const distinct = row.properties["Distinct"];
    expect(distinct).toMatchObject({ type: "rollup", rollup: { type: "array", function: "show_unique" } });
    const array =
      distinct?.type === "rollup" && distinct.rollup.type === "array" ? distinct.rollup.array : [];
    expect(array).toHaveLength(2);
    expect(array).toEqual(
      expect.arrayContaining([
        { type: "checkbox", checkbox: true },
        { type: "checkbox", checkbox: false },
      ]),
    );
  });

  it("shows the original values in relation order", async () => {
    const ws = await server.workspace();
    const { table, rows } = await summary(ws);
    const points = new Map([
      [rows.i1.id, 10],
      [rows.i3.id, null],
      [rows.i4.id, 7],
    ]);
    const created = [rows.i1.id, rows.i3.id, rows.i4.id];
    const byId = [...created].sort();
    const [a, b, c] = created;
    const permutations = [
      [a, c, b],
      [b, a, c],
      [b, c, a],
      [c, a, b],
      [c, b, a],
    ] as string[][];
    const order = permutations.find((p) => p.join() !== byId.join()) ?? [];
    const row = await addRow(table, "Ordered", { Items: { relation: order.map((id) => ({ id })) } });
    expect(row.properties["Original"]).toMatchObject({
      rollup: { type: "array", array: order.map((id) => ({ type: "number", number: points.get(id) })) },
    });
  });

  it("rolls up an empty relation", async () => {
    const ws = await server.workspace();
    const { table } = await summary(ws);
    const page = await addRow(table, "None");
    expect(
      values(page, ["count", "count_values", "sum", "checked", "percent_empty", "earliest_date"]),
    ).toEqual({
      count: 0,
      count_values: 0,
      sum: 0,
      checked: 0,
      percent_empty: 0,
      earliest_date: null,
    });
  });

  it("recomputes when the row's relation changes, and queries see the new value", async () => {
    const ws = await server.workspace();
    const { table, rows } = await summary(ws);
    const row = await addRow(table, "Live", {
      Items: { relation: [{ id: rows.i1.id }, { id: rows.i2.id }] },
    });
    expect(values(row, ["sum", "max", "checked"])).toEqual({ sum: 14, max: 10, checked: 1 });
    await updateRow(table.client, row.id, { Items: { relation: [{ id: rows.i4.id }] } });
    expect(values(await retrievePage(table.client, row.id), ["sum", "max", "count"])).toEqual({
      sum: 7,
      max: 7,
      count: 1,
    });
    expect(await matching(table, { property: "sum", rollup: { number: { equals: 7 } } })).toEqual(["Live"]);
  });

  it("recomputes when a row related through a single_property relation changes", async () => {
    const ws = await server.workspace();
    const { items, table, rows } = await summary(ws);
    const row = await addRow(table, "Live", {
      Items: { relation: [{ id: rows.i1.id }, { id: rows.i2.id }] },
    });
    await updateRow(items.client, rows.i2.id, { Points: { number: 40 }, Done: { checkbox: true } });
    expect(values(await retrievePage(table.client, row.id), ["sum", "max", "checked"])).toEqual({
      sum: 50,
      max: 40,
      checked: 2,
    });
  });

  it("recomputes when a row related through a dual_property relation changes", async () => {
    const ws = await server.workspace();
    const { projects, tasks } = await projectsAndTasks(ws);
    await tasks.client.dataSources.update({
      data_source_id: tasks.dataSourceId,
      properties: { Hours: { number: {} } },
    });
    await projects.client.dataSources.update({
      data_source_id: projects.dataSourceId,
      properties: {
        Hours: {
          rollup: { function: "sum", relation_property_name: "Tasks", rollup_property_name: "Hours" },
        },
      },
    });
    const apollo = await addRow(projects, "Apollo");
    const t1 = await addRow(tasks, "T1", {
      Project: { relation: [{ id: apollo.id }] },
      Hours: { number: 3 },
    });
    await addRow(tasks, "T2", { Project: { relation: [{ id: apollo.id }] }, Hours: { number: 5 } });
    expect(simple(await retrievePage(projects.client, apollo.id), "Hours")).toBe(8);
    await updateRow(tasks.client, t1.id, { Hours: { number: 10 } });
    expect(simple(await retrievePage(projects.client, apollo.id), "Hours")).toBe(15);
    await updateRow(tasks.client, t1.id, { Project: { relation: [] } });
    expect(simple(await retrievePage(projects.client, apollo.id), "Hours")).toBe(5);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError } from "../helpers.ts";
import type { Filter } from "./fixtures.ts";
import { ALL, checkCases, dataset } from "./query-dataset.ts";

/** Compound filters (and/or, two levels) and malformed filters. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("compound filters", () => {
  it("combines conditions with and/or, nested two levels, with timestamp filters inside", async () => {
    const ws = await server.workspace();
    const { table } = await dataset(ws);
    await checkCases(table, [
      [
        "and",
        {
          and: [
            { property: "Kind", select: { equals: "Bug" } },
            { property: "Score", number: { greater_than: 0 } },
          ],
        },
        ["Alpha"],
      ],
      [
        "or",
        {
          or: [
            { property: "Kind", select: { equals: "Feature" } },
            { property: "Score", number: { less_than: 0 } },
          ],
        },
        ["Beta", "Delta"],
      ],
      ["and of one", { and: [{ property: "Done", checkbox: { equals: true } }] }, ["Alpha", "Delta"]],
      [
        "and of ors",
        {
          and: [
            {
              or: [
                { property: "Tags", multi_select: { contains: "ui" } },
                { property: "Tags", multi_select: { contains: "db" } },
              ],
            },
            {
              or: [
                { property: "Done", checkbox: { equals: true } },
                { property: "Score", number: { equals: 0 } },
              ],
            },
          ],
        },
        ["Alpha", "Delta", "Epsilon"],
      ],
      [
        "or of ands",
        {
          or: [
            {
              and: [
                { property: "Kind", select: { equals: "Bug" } },
                { property: "Done", checkbox: { equals: false } },
              ],
            },
            {
              and: [
                { property: "State", status: { equals: "Done" } },
                { property: "Tags", multi_select: { contains: "db" } },
              ],
            },
            { property: "Notes", rich_text: { is_empty: true } },
          ],
        },
        ["Delta", "Gamma"],
      ],
      [
        "with a timestamp filter",
        {
          and: [
            {
              timestamp: "created_time",
              created_time: { on_or_before: new Date(Date.now() + 60_000).toISOString() },
            },
            { property: "Score", number: { is_not_empty: true } },
          ],
        },
        ["Alpha", "Beta", "Delta", "Epsilon"],
      ],
      [
        "or of everything and nothing",
        {
          or: [
            { property: "Score", number: { equals: 99 } },
            { property: "Name", title: { is_not_empty: true } },
          ],
        },
        ALL,
      ],
    ]);
  });

  it("rejects a third level of nesting", async () => {
    const ws = await server.workspace();
    const { table } = await dataset(ws);
    const deep = {
      and: [{ or: [{ and: [{ property: "Done", checkbox: { equals: true } }] }] }],
    } as unknown as Filter;
    await expectApiError(
      table.client.dataSources.query({ data_source_id: table.dataSourceId, filter: deep }),
      {
        status: 400,
        code: "validation_error",
      },
    );
  });
});

describe("malformed filters", () => {
  it("rejects an unknown property, naming it", async () => {
    const ws = await server.workspace();
    const { table } = await dataset(ws);
    await expectApiError(
      table.client.dataSources.query({
        data_source_id: table.dataSourceId,
        filter: { property: "Ghost", rich_text: { equals: "x" } },
      }),
      { status: 400, code: "validation_error", message: /Ghost/ },
    );
  });

  it("rejects a filter type that does not match the property's type", async () => {
    const ws = await server.workspace();
    const { table } = await dataset(ws);
    await expectApiError(
      table.client.dataSources.query({
        data_source_id: table.dataSourceId,
        filter: { property: "Score", rich_text: { equals: "10" } },
      }),
      { status: 400, code: "validation_error" },
    );
  });

  for (const [label, filter] of [
    ["an unknown condition", { property: "Score", number: { about: 3 } }],
    ["a condition of the wrong value type", { property: "Score", number: { equals: "ten" } }],
    ["a null comparison value", { property: "Score", number: { greater_than: null } }],
    ["an unknown timestamp", { timestamp: "deleted_time", deleted_time: { after: "2024-01-01" } }],
    ["an invalid date", { timestamp: "created_time", created_time: { after: "someday" } }],
    ["a filter with neither property nor timestamp", { number: { equals: 1 } }],
  ] as const) {
    it(`rejects ${label}`, async () => {
      const ws = await server.workspace();
      const { table } = await dataset(ws);
      await expectApiError(
        table.client.dataSources.query({
          data_source_id: table.dataSourceId,
          filter: filter as unknown as Filter,
        }),
        { status: 400, code: "validation_error" },
      );
    });
  }

  it("rejects an empty list of options, naming its path, before it reaches SQL", async () => {
    const ws = await server.workspace();
    const { table } = await dataset(ws);
    // Inside an `or`, an empty multi_select list compiled to `in ()`: a PostgreSQL syntax error (500).
    for (const [condition, path] of [
      [{ property: "Tags", multi_select: { contains: [] } }, "body.filter.or[0].multi_select.contains"],
      [
        { property: "Tags", multi_select: { does_not_contain: [] } },
        "body.filter.or[0].multi_select.does_not_contain",
      ],
      [{ property: "Kind", select: { equals: [] } }, "body.filter.or[0].select.equals"],
    ] as const) {
      await expectApiError(
        table.client.dataSources.query({
          data_source_id: table.dataSourceId,
          filter: { or: [condition, { property: "Done", checkbox: { equals: true } }] } as unknown as Filter,
        }),
        {
          status: 400,
          code: "validation_error",
          message: `body failed validation: ${path}.length should be ≥ \`1\`, instead was \`0\`.`,
        },
      );
    }
    const one = await table.client.dataSources.query({
      data_source_id: table.dataSourceId,
      filter: { or: [{ property: "Tags", multi_select: { contains: ["db"] } }] } as unknown as Filter,
    });
    expect(one.results.length).toBeGreaterThan(0);
  });

  it("answers a query without a filter with every row", async () => {
    const ws = await server.workspace();
    const { table } = await dataset(ws);
    const response = await table.client.dataSources.query({ data_source_id: table.dataSourceId });
    expect(response).toMatchObject({
      object: "list",
      type: "page_or_data_source",
      page_or_data_source: {},
      has_more: false,
      next_cursor: null,
    });
    expect(response.results).toHaveLength(ALL.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { MISSING_ID, expectApiError, workspacePage } from "../helpers.ts";
import { fullDataSource, newTable } from "./fixtures.ts";

/** Schema requests Notion refuses, and data sources a token may not see. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("data source schema: errors", () => {
  it("rejects an unknown property type", async () => {
    const ws = await server.workspace();
    const root = await workspacePage(ws.client());
    const response = await ws.fetch("/v1/databases", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        parent: { page_id: root.id },
        initial_data_source: { properties: { Name: { title: {} }, Weird: { hologram: {} } } },
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ object: "error", code: "validation_error" });
  });

  it("rejects two title properties", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client);
    await expectApiError(
      client.databases.create({
        parent: { type: "page_id", page_id: root.id },
        initial_data_source: { properties: { A: { title: {} }, B: { title: {} } } },
      }),
      { status: 400, code: "validation_error" },
    );
  });

  it("rejects an invalid number format and an invalid option color", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const badFormat = { Price: { number: { format: "doubloons" } } } as unknown as Parameters<
      typeof table.client.dataSources.update
    >[0]["properties"];
    await expectApiError(
      table.client.dataSources.update({ data_source_id: table.dataSourceId, properties: badFormat }),
      { status: 400, code: "validation_error" },
    );
    const badColor = {
      Kind: { select: { options: [{ name: "x", color: "chartreuse" }] } },
    } as unknown as Parameters<typeof table.client.dataSources.update>[0]["properties"];
    await expectApiError(
      table.client.dataSources.update({ data_source_id: table.dataSourceId, properties: badColor }),
      { status: 400, code: "validation_error" },
    );
  });

  it("rejects a rollup whose relation property is not a relation", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, { Points: { number: {} } });
    await expectApiError(
      table.client.dataSources.update({
        data_source_id: table.dataSourceId,
        properties: {
          Sum: {
            rollup: { function: "sum", relation_property_name: "Points", rollup_property_name: "Points" },
          },
        },
      }),
      { status: 400, code: "validation_error" },
    );
  });

  it("answers 404 for a missing data source and for a database id used as a data source id", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    await expectApiError(table.client.dataSources.retrieve({ data_source_id: MISSING_ID }), {
      status: 404,
      code: "object_not_found",
      message: new RegExp(MISSING_ID),
    });
    await expectApiError(table.client.dataSources.query({ data_source_id: table.databaseId }), {
      status: 404,
      code: "object_not_found",
    });
    await expectApiError(table.client.databases.retrieve({ database_id: table.dataSourceId }), {
      status: 404,
      code: "object_not_found",
    });
  });

  it("hides a data source from an integration it was not shared with", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {});
    const token = await ws.integration("Bot");
    const bot = ws.client(token);
    await expectApiError(bot.dataSources.retrieve({ data_source_id: table.dataSourceId }), {
      status: 404,
      code: "object_not_found",
      message: /Make sure the relevant pages and databases are shared with your integration "Bot"\./,
    });
    await ws.share("Bot", table.rootId);
    const shared = fullDataSource(await bot.dataSources.retrieve({ data_source_id: table.dataSourceId }));
    expect(shared.id).toBe(table.dataSourceId);
  });
});

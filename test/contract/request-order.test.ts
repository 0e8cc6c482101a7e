import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { expectApiError } from "./helpers.ts";

/**
 * Which error a bad request gets when it is bad in two ways: the request schemas run in the routes,
 * and they keep the order the services checked in before them. A connection without a capability is
 * refused before its body is read, except for the cursor and page size, which come first.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("request checks keep their order", () => {
  it("refuses a create or update without the capability before reading the body", async () => {
    const ws = await server.workspace();
    const bot = ws.client(await ws.integration("Read Only", ["read"]));
    await expectApiError(
      bot.databases.create({ parent: { type: "page_id", page_id: "not-a-uuid" }, title: [] }),
      { status: 403, code: "restricted_resource" },
    );
    await expectApiError(
      bot.dataSources.create({ parent: { type: "database_id", database_id: "not-a-uuid" }, properties: {} }),
      { status: 403, code: "restricted_resource" },
    );
    const body = { title: "not rich text" } as unknown as { title: [] };
    await expectApiError(bot.dataSources.update({ data_source_id: randomUUID(), ...body }), {
      status: 403,
      code: "restricted_resource",
    });
    await expectApiError(bot.databases.update({ database_id: randomUUID(), ...body }), {
      status: 403,
      code: "restricted_resource",
    });
  });

  it("reads the page size before the capability, and the filter after it", async () => {
    const ws = await server.workspace();
    const bot = ws.client(await ws.integration("Blind", ["insert", "update"]));
    await expectApiError(bot.search({ page_size: 101 }), { status: 400, code: "validation_error" });
    const filter = { property: "object", value: "block" } as unknown as { property: "object"; value: "page" };
    await expectApiError(bot.search({ filter }), { status: 403, code: "restricted_resource" });
    const id = randomUUID();
    await expectApiError(bot.dataSources.query({ data_source_id: id, page_size: 0 }), {
      status: 400,
      code: "validation_error",
    });
    const sorts = "not a list" as unknown as [];
    await expectApiError(bot.dataSources.query({ data_source_id: id, sorts }), {
      status: 403,
      code: "restricted_resource",
    });
  });
});

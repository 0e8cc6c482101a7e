import { APIResponseError } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearTokenCache } from "../../src/services/identity/auth-service.ts";
import { createPublicIntegration } from "../../src/services/identity/integration-service.ts";
import { findIntegrationByName, findIntegration } from "../../src/storage/identity-repo.ts";
import { StoredShapeError, decodeObject, decodeStringList } from "../../src/storage/json-columns.ts";
import { findClientOfIntegration } from "../../src/storage/oauth-repo.ts";
import { type TestServer, startTestServer } from "../support/quire.ts";

/**
 * Stored JSON columns are decoded once, in storage, and their shape is checked there: a list column that
 * holds something else is refused at the storage edge rather than handed on typed as a list.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("decoders", () => {
  it("decode a list of strings and refuse other shapes, naming the column", () => {
    expect(decodeStringList('["read","insert"]', "capabilities")).toEqual(["read", "insert"]);
    expect(decodeStringList("[]", "capabilities")).toEqual([]);
    for (const text of ['{"read":true}', '["read",3]', '"read"', "null"])
      expect(() => decodeStringList(text, "capabilities")).toThrow(
        new StoredShapeError("capabilities", "a list of strings"),
      );
  });

  it("decode an object or SQL null and refuse other shapes", () => {
    expect(decodeObject('{"type":"emoji","emoji":"📘"}', "icon")).toEqual({ type: "emoji", emoji: "📘" });
    expect(decodeObject(null, "icon")).toBeNull();
    for (const text of ["[]", '"x"', "null", "1"])
      expect(() => decodeObject(text, "icon")).toThrow(new StoredShapeError("icon", "an object"));
  });
});

describe("integration capabilities", () => {
  it("come out of storage as the list that went in", async () => {
    const ws = await server.workspace();
    await ws.integration("Reader", ["read"]);
    const found = await findIntegrationByName(server.store.db, ws.id, "Reader");
    expect(found?.capabilities).toEqual(["read"]);
    const byId = found && (await findIntegration(server.store.db, ws.id, found.id));
    expect(byId?.capabilities).toEqual(["read"]);
  });

  it("that are not a list of strings are refused by storage, and the API answers a Notion-shaped 500", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("Broken", ["read"]);
    const found = await findIntegrationByName(server.store.db, ws.id, "Broken");
    await server.store.db
      .updateTable("integrations")
      .set({ capabilities: '{"read":true}' })
      .where("id", "=", found?.id ?? "")
      .execute();
    await expect(findIntegrationByName(server.store.db, ws.id, "Broken")).rejects.toThrow(StoredShapeError);
    clearTokenCache(server.store);
    const error = await ws
      .client(token)
      .users.me({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIResponseError);
    expect((error as APIResponseError).status).toBe(500);
    expect((error as APIResponseError).code).toBe("internal_server_error");
  });
});

describe("OAuth redirect URIs", () => {
  it("that are not a list of strings are refused by storage", async () => {
    const ws = await server.workspace();
    const { integration } = await createPublicIntegration(server.ctx, ws.id, {
      name: "Public",
      capabilities: ["read"],
      ownerUserId: ws.ownerId,
      redirectUris: ["https://client.example/callback"],
    });
    const client = await findClientOfIntegration(server.store.db, integration.id);
    expect(client?.redirectUris).toEqual(["https://client.example/callback"]);
    await server.store.db
      .updateTable("oauthClients")
      .set({ redirectUris: '"https://client.example/callback"' })
      .where("integrationId", "=", integration.id)
      .execute();
    await expect(findClientOfIntegration(server.store.db, integration.id)).rejects.toThrow(StoredShapeError);
  });
});

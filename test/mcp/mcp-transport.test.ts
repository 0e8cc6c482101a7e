import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/store.ts";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { testDatabaseOptions, testDialect } from "../support/test-database.ts";
import { callError, callJson, mcpClient } from "./mcp-client.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

function post(token: string | null, body: unknown, accept = "application/json, text/event-stream") {
  return fetch(`${server.url}/mcp`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept,
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
}

describe("/mcp over Streamable HTTP", () => {
  it("serves the tools to a personal access token, each with a described input schema", async () => {
    const ws = await server.workspace();
    const client = await mcpClient(server.url, ws.token);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "notion-search",
      "notion-fetch",
      "notion-create-pages",
      "notion-update-page",
      "notion-get-comments",
      "notion-create-comment",
      "notion-get-users",
      "notion-query-data-sources",
      "notion-move-pages",
      "notion-create-database",
      "notion-update-data-source",
      "notion-get-teams",
    ]);
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(40);
      for (const property of Object.values(tool.inputSchema.properties ?? {}))
        expect(property).toHaveProperty("description");
    }
    expect(tools.find((t) => t.name === "notion-fetch")?.annotations?.readOnlyHint).toBe(true);
    const { contents } = await client.readResource({ uri: "notion://docs/enhanced-markdown-spec" });
    expect(contents[0]).toMatchObject({ mimeType: "text/markdown" });
    await client.close();
  });

  it("answers JSON or an SSE stream, whichever the client lists first", async () => {
    const ws = await server.workspace();
    const json = await post(ws.token, INITIALIZE);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(json.headers.get("mcp-session-id")).toBeNull();
    expect(await json.json()).toMatchObject({ id: 1, result: { serverInfo: { name: "Quire" } } });
    const sse = await post(ws.token, INITIALIZE, "text/event-stream, application/json");
    expect(sse.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await sse.text();
    const data = /^data: (.+)$/m.exec(text)?.[1];
    expect(JSON.parse(data ?? "null")).toMatchObject({ id: 1, result: { serverInfo: { name: "Quire" } } });
  });

  it("answers 401 with the resource metadata without a token or with a wrong one", async () => {
    const missing = await post(null, INITIALIZE);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe(
      `Bearer resource_metadata="${server.url}/.well-known/oauth-protected-resource/mcp"`,
    );
    const wrong = await post("ntn_wrong", INITIALIZE);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(
      /^Bearer error="invalid_token", .*resource_metadata=/,
    );
    expect(await wrong.json()).toMatchObject({ error: "invalid_token" });
  });

  it("has no session to stream or end: GET and DELETE are 405", async () => {
    const ws = await server.workspace();
    for (const method of ["GET", "DELETE"]) {
      const response = await fetch(`${server.url}/mcp`, {
        method,
        headers: { authorization: `Bearer ${ws.token}` },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });

  it("serves several clients at once, each as its own caller", async () => {
    const [a, b] = [await server.workspace(), await server.workspace()];
    const [ca, cb] = [await mcpClient(server.url, a.token), await mcpClient(server.url, b.token)];
    const selves = await Promise.all(
      [ca, cb, ca, cb].map((c) =>
        callJson<{ results: { id: string }[] }>(c, "notion-get-users", { user_id: "self" }),
      ),
    );
    expect(selves.map((s) => s.results[0]?.id)).toEqual([a.ownerId, b.ownerId, a.ownerId, b.ownerId]);
  });
});

describe("permissions", () => {
  it("an integration token sees only what was shared with it, and needs the capability to write", async () => {
    const ws = await server.workspace();
    const notion = ws.client();
    const title = (text: string) => ({ title: { title: [{ text: { content: text } }] } });
    const shared = await notion.pages.create({
      parent: { workspace: true },
      properties: title("Shared Plan"),
    });
    const hidden = await notion.pages.create({
      parent: { workspace: true },
      properties: title("Hidden Plan"),
    });
    const token = await ws.integration("Agent Bot");
    await ws.share("Agent Bot", shared.id);
    const bot = await mcpClient(server.url, token);
    const found = await callJson<{ results: { id: string }[] }>(bot, "notion-search", { query: "Plan" });
    expect(found.results.map((r) => r.id)).toEqual([shared.id]);
    const restView = await ws.client(token).search({ query: "Plan" });
    expect(restView.results.map((r) => r.id)).toEqual([shared.id]);
    const denied = await callError(bot, "notion-fetch", { id: hidden.id });
    expect(denied.code).toBe("object_not_found");
    expect(denied.message).toMatch(/shared with your integration "Agent Bot"/);

    const reader = await mcpClient(server.url, await ws.integration("Reader", ["read"]));
    await ws.share("Reader", shared.id);
    const refused = await callError(reader, "notion-create-pages", {
      parent: { page_id: shared.id },
      pages: [{ properties: { title: "Nope" } }],
    });
    expect(refused.code).toBe("restricted_resource");
    expect((await notion.blocks.children.list({ block_id: shared.id })).results).toEqual([]);
  });
});

describe.runIf(testDialect() === "postgres")("two Quire processes on one PostgreSQL", () => {
  it("a client works whichever process each request reaches", async () => {
    const other = await startTestServer({ store: openStore(testDatabaseOptions()) });
    try {
      const ws = await server.workspace();
      const origins = [server.url, other.url];
      let turn = 0;
      const reached: string[] = [];
      const client = new Client({ name: "round-robin", version: "1" });
      const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${ws.token}` } },
        // Each request goes to the next process, as a load balancer without affinity would send it.
        fetch: (input, init) => {
          const origin = origins[turn++ % origins.length] as string;
          reached.push(origin);
          return fetch(new URL(new URL(String(input)).pathname, origin), init);
        },
      });
      await client.connect(transport);
      const created = await callJson<{ pages: { id: string }[] }>(client, "notion-create-pages", {
        pages: [{ properties: { title: "Made on one process" }, content: "Hello" }],
      });
      const fetched = await client.callTool({
        name: "notion-fetch",
        arguments: { id: created.pages[0]?.id },
      });
      expect(JSON.stringify(fetched.content)).toContain("Made on one process");
      expect(new Set(reached)).toEqual(new Set(origins));
      await client.close();
    } finally {
      await other.close();
    }
  });
});

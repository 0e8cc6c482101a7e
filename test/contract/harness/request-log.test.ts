import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type HarnessServer, HARNESS_TOKEN, startHarnessServer } from "../../support/harness-server.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { paragraph, text, workspacePage } from "../helpers.ts";

let server: HarnessServer;
beforeAll(async () => {
  server = await startHarnessServer();
});
afterEach(async () => {
  expect((await server.harness("requests", { method: "DELETE" })).status).toBe(200);
});
afterAll(async () => {
  await server.close();
});

interface Entry {
  seq: number;
  request_id: string;
  method: string;
  path: string;
  query: string;
  notion_version: string | null;
  integration: { id: string; name: string } | null;
  user_id: string | null;
  status: number | null;
  duration_ms: number;
  fault: string | null;
  request_headers: Record<string, string>;
  request_body: unknown;
  request_body_truncated: boolean;
  response_body: unknown;
  response_body_truncated: boolean;
}

async function logged(query = "", target: HarnessServer = server): Promise<Entry[]> {
  const response = await target.harness(`requests${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: Entry[] }).results;
}

describe("the request log", () => {
  it("records every API request made through the SDK with its caller, version, status and bodies", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("Logger");
    const root = await workspacePage(ws.client());
    await ws.share("Logger", root.id);
    const bot = ws.client(token);
    const me = await bot.users.me({});
    const created = await bot.pages.create({
      parent: { page_id: root.id },
      properties: { title: { title: text("Logged") } },
    });
    await ws.clientV4(token).pages.retrieve({ page_id: created.id });

    const entries = await logged("?integration=Logger");
    expect(entries.map((e) => `${e.method} ${e.path}`)).toEqual([
      "GET /v1/users/me",
      "POST /v1/pages",
      `GET /v1/pages/${created.id}`,
    ]);
    const [, create, retrieve] = entries;
    expect(create).toMatchObject({
      notion_version: "2025-09-03",
      integration: { name: "Logger" },
      user_id: me.id,
      status: 200,
      fault: null,
      request_body: {
        parent: { page_id: root.id },
        properties: { title: { title: [{ text: { content: "Logged" } }] } },
      },
      response_body: { object: "page", id: created.id },
      request_body_truncated: false,
    });
    expect(create?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(create?.request_id).toBe((create?.response_body as { request_id: string }).request_id);
    expect(create?.request_headers["authorization"]).toBe("Bearer [redacted]");
    expect(JSON.stringify(entries)).not.toContain(token);
    expect(retrieve?.notion_version).toBe("2022-06-28");
  });

  it("records errors, query strings and requests that never authenticated", async () => {
    const ws = await server.workspace();
    await ws.fetch("/v1/users?page_size=2");
    await ws.fetch("/v1/users/me", { token: "ntn_notARealTokenAtAll123" });
    await ws.fetch("/v1/nowhere", { method: "POST", body: "{not json" });
    await server.harness("faults");
    await fetch(`${server.url}/healthz`);
    const entries = await logged();
    expect(entries.map((e) => [e.method, e.path, e.query, e.status])).toEqual([
      ["GET", "/v1/users", "page_size=2", 200],
      ["GET", "/v1/users/me", "", 401],
      ["POST", "/v1/nowhere", "", 400],
    ]);
    expect(entries[1]).toMatchObject({
      user_id: null,
      integration: null,
      request_headers: { authorization: "Bearer [redacted]" },
      response_body: { object: "error", code: "unauthorized" },
    });
    expect(entries[2]?.response_body).toMatchObject({ code: "invalid_json" });
  });

  it("records a request the client gave up on, without a status", async () => {
    const ws = await server.workspace();
    server.faults.add({
      method: "*",
      path: "/v1/users/me",
      action: "latency",
      latencyMs: 1000,
      times: 1,
      probability: 1,
    });
    const controller = new AbortController();
    const pending = ws.fetch("/v1/users/me", { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    await expect
      .poll(async () => (await logged()).map((e) => [e.path, e.status, e.fault]))
      .toEqual([["/v1/users/me", null, "latency"]]);
  });

  it("redacts secrets in headers and bodies but keeps code blocks and error codes", async () => {
    const ws = await server.workspace();
    await ws.fetch("/v1/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "session=abc" },
      body: JSON.stringify({
        grant_type: "authorization_code",
        code: "one-time-code",
        client_secret: "shh",
        refresh_token: "r-token",
        nested: { access_token: "a-token", note: `token ${ws.token} inside` },
      }),
    });
    const root = await workspacePage(ws.client());
    await ws.client().blocks.children.append({
      block_id: root.id,
      children: [{ code: { rich_text: text("print(1)"), language: "python" } }],
    });
    const [oauth, , append] = await logged();
    expect(oauth?.request_body).toEqual({
      grant_type: "authorization_code",
      code: "[redacted]",
      client_secret: "[redacted]",
      refresh_token: "[redacted]",
      nested: { access_token: "[redacted]", note: "token [redacted] inside" },
    });
    expect(oauth?.request_headers["cookie"]).toBe("[redacted]");
    expect(oauth?.response_body).toMatchObject({ status: 401, code: "invalid_client" });
    expect(append?.request_body).toMatchObject({ children: [{ code: { language: "python" } }] });
  });

  it("truncates large bodies", async () => {
    const ws = await server.workspace();
    const root = await workspacePage(ws.client());
    const long = "x".repeat(2000);
    await ws.client().blocks.children.append({
      block_id: root.id,
      children: Array.from({ length: 20 }, () => paragraph(long)),
    });
    const [, append] = await logged();
    expect(append?.request_body_truncated).toBe(true);
    expect(typeof append?.request_body).toBe("string");
    expect((append?.request_body as string).length).toBe(16 * 1024);
    expect(append?.response_body_truncated).toBe(true);
  });

  it("filters by method, path, status, integration, sequence, time and count", async () => {
    const ws = await server.workspace();
    const bot = await ws.integration("Filtered");
    const root = await workspacePage(ws.client());
    await ws.client().pages.retrieve({ page_id: root.id });
    await ws.fetch(`/v1/pages/${root.id}`, { token: bot });
    await ws.fetch(`/v1/blocks/${root.id}/children`);
    await ws.fetch("/v1/users/me", { token: "ntn_wrongwrongwrong" });
    const all = await logged();
    expect(all).toHaveLength(5);
    const paths = (entries: Entry[]) => entries.map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(paths(await logged("?method=post"))).toEqual(["POST /v1/pages 200"]);
    expect(paths(await logged("?path=/v1/pages/"))).toEqual([
      `GET /v1/pages/${root.id} 200`,
      `GET /v1/pages/${root.id} 404`,
    ]);
    expect(paths(await logged("?path=/v1/*/*/children"))).toEqual([`GET /v1/blocks/${root.id}/children 200`]);
    expect(paths(await logged("?status=404"))).toEqual([`GET /v1/pages/${root.id} 404`]);
    expect(await logged("?status=4xx")).toHaveLength(2);
    expect(await logged("?status=2xx")).toHaveLength(3);
    expect(paths(await logged("?integration=Filtered"))).toEqual([`GET /v1/pages/${root.id} 404`]);
    expect(await logged(`?integration=${ws.ownerId}`)).toHaveLength(3);
    const second = all[1]?.seq ?? 0;
    expect((await logged(`?after=${second}`)).map((e) => e.seq)).toEqual(all.slice(2).map((e) => e.seq));
    expect((await logged(`?after=${second}&limit=1`)).map((e) => e.seq)).toEqual([all[2]?.seq]);
    expect((await logged("?limit=2")).map((e) => e.seq)).toEqual(all.slice(3).map((e) => e.seq));
    expect(await logged(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual(
      [],
    );
    expect(await logged(`?since=2020-01-01T00:00:00Z`)).toHaveLength(5);
    for (const bad of ["?status=abc", "?limit=0", "?limit=100000", "?after=-1", "?since=yesterday"]) {
      const response = await server.harness(`requests${bad}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "validation_error" });
    }
  });

  it("keeps only the most recent requests and can be cleared", async () => {
    const small = await startHarnessServer({ requestLogSize: 5 });
    try {
      const ws = await small.workspace();
      for (let i = 0; i < 8; i++) await ws.fetch(`/v1/users/me?i=${i}`);
      const response = await small.harness("requests");
      const body = (await response.json()) as { results: Entry[]; latest_seq: number; capacity: number };
      expect(body.capacity).toBe(5);
      expect(body.latest_seq).toBe(8);
      expect(body.results.map((e) => e.query)).toEqual(["i=3", "i=4", "i=5", "i=6", "i=7"]);
      expect((await small.harness("requests", { method: "DELETE" })).status).toBe(200);
      expect(await logged("", small)).toEqual([]);
      await ws.fetch("/v1/users/me");
      expect((await logged("", small)).map((e) => e.seq)).toEqual([9]);
    } finally {
      await small.close();
    }
  });

  it("serves a live page that escapes what it shows and needs the token", async () => {
    expect((await server.harness("requests/ui", { token: null })).status).toBe(401);
    const hostile = `"><script>alert(1)</script>`;
    const response = await fetch(
      `${server.url}/__quire/requests/ui?token=${HARNESS_TOKEN}&path=${encodeURIComponent(hostile)}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    expect(html).not.toContain(hostile);
    expect(html).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain("/__quire/requests?");
  });
});

describe("without the harness", () => {
  let plain: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
  });
  afterAll(async () => {
    await plain.close();
  });

  it("there is no /__quire at all", async () => {
    for (const path of ["/__quire/requests", "/__quire/clock", "/__quire/faults"]) {
      const response = await fetch(`${plain.url}${path}`, {
        headers: { "x-quire-harness-token": HARNESS_TOKEN },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "invalid_request_url" });
    }
  });
});

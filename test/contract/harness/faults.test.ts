import { APIErrorCode, APIResponseError, ClientErrorCode, UnknownHTTPResponseError } from "@notionhq/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type HarnessServer, startHarnessServer } from "../../support/harness-server.ts";
import { expectApiError, workspacePage } from "../helpers.ts";

let server: HarnessServer;
let draws: number[] = [];
beforeAll(async () => {
  // Probability rules draw from this list first, so their outcome is known.
  server = await startHarnessServer({ random: () => draws.shift() ?? 0.99 });
});
afterEach(() => {
  server.faults.clear();
  draws = [];
});
afterAll(async () => {
  await server.close();
});

interface FaultJson {
  id: string;
  method: string;
  path: string;
  action: string;
  times_remaining: number | null;
  probability: number;
  hits: number;
  retry_after: number | null;
}

async function addFault(rule: Record<string, unknown>): Promise<FaultJson> {
  const response = await server.harness("faults", { body: rule });
  expect(response.status).toBe(200);
  return (await response.json()) as FaultJson;
}

async function listFaults(): Promise<FaultJson[]> {
  return ((await (await server.harness("faults")).json()) as { results: FaultJson[] }).results;
}

describe("fault rules", () => {
  it("are listed, read, deleted one by one and cleared", async () => {
    const first = await addFault({ method: "get", path: "/v1/pages/*", action: "rate_limited" });
    expect(first).toMatchObject({
      object: "fault",
      method: "GET",
      path: "/v1/pages/*",
      action: "rate_limited",
      retry_after: 1,
      times_remaining: 1,
      probability: 1,
      hits: 0,
    });
    const second = await addFault({
      method: "any",
      path: "/v1/**",
      action: "latency",
      latency_ms: 5,
      times: null,
    });
    expect(second).toMatchObject({ method: "*", times_remaining: null });
    expect((await listFaults()).map((f) => f.id)).toEqual([first.id, second.id]);
    expect(await (await server.harness(`faults/${first.id}`)).json()).toMatchObject({ id: first.id });

    expect((await server.harness(`faults/${first.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await listFaults()).map((f) => f.id)).toEqual([second.id]);
    const gone = await server.harness(`faults/${first.id}`, { method: "DELETE" });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ code: "object_not_found" });

    const bulk = await server.harness("faults", {
      body: {
        rules: [
          { path: "/v1/users", action: "bad_gateway" },
          { path: "/v1/search", action: "gateway_timeout" },
        ],
      },
    });
    expect(((await bulk.json()) as { results: unknown[] }).results).toHaveLength(2);
    expect(await listFaults()).toHaveLength(3);
    expect((await server.harness("faults", { method: "DELETE" })).status).toBe(200);
    expect(await listFaults()).toEqual([]);
  });

  it("reject bad rules with validation errors and add none of a bad batch", async () => {
    const bad = [
      { path: "/v1/pages", action: "explode" },
      { action: "rate_limited" },
      { path: "v1/pages", action: "rate_limited" },
      { path: "/v1/pages", action: "latency" },
      { path: "/v1/pages", action: "rate_limited", times: 0 },
      { path: "/v1/pages", action: "rate_limited", probability: 1.5 },
      { path: "/v1/pages", action: "rate_limited", retry_after: -1 },
      { path: "/v1/pages", action: "rate_limited", method: "BREW" },
      {
        rules: [
          { path: "/v1/pages", action: "rate_limited" },
          { path: "/v1/pages", action: "nope" },
        ],
      },
    ];
    for (const body of bad) {
      const response = await server.harness("faults", { body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ object: "error", code: "validation_error" });
    }
    expect(await listFaults()).toEqual([]);
  });

  it("answer with Notion's status, code and body for every error action", async () => {
    const ws = await server.workspace();
    const cases = [
      ["rate_limited", 429],
      ["service_overload", 529],
      ["internal_server_error", 500],
      ["bad_gateway", 502],
      ["service_unavailable", 503],
      ["gateway_timeout", 504],
    ] as const;
    for (const [action, status] of cases) {
      await addFault({ method: "GET", path: "/v1/users/me", action });
      const response = await ws.fetch("/v1/users/me");
      expect(response.status).toBe(status);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ object: "error", status, code: action });
      expect(body["message"]).toEqual(expect.any(String));
      expect(body["request_id"]).toBe(response.headers.get("x-notion-request-id"));
      expect(response.headers.get("retry-after")).toBe(action === "rate_limited" ? "1" : null);
      expect((await ws.fetch("/v1/users/me")).status).toBe(200);
    }
  });

  it("reach the SDK as the errors it knows", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    await addFault({ path: "/v1/users/me", action: "rate_limited", retry_after: 7 });
    const limited = await expectApiError(client.users.me({}), {
      status: 429,
      code: APIErrorCode.RateLimited,
    });
    expect((limited.headers as Headers).get("retry-after")).toBe("7");
    expect(limited.additional_data).toMatchObject({ retry_after: "7" });
    await addFault({ path: "/v1/users/me", action: "service_overload" });
    await expectApiError(client.users.me({}), { status: 529, code: APIErrorCode.ServiceOverload });
    // bad_gateway is documented by Notion but not in the SDK's list of codes (reference §1.6).
    await addFault({ path: "/v1/users/me", action: "bad_gateway" });
    const unknown = await client.users.me({}).catch((error: unknown) => error);
    expect(UnknownHTTPResponseError.isUnknownHTTPResponseError(unknown)).toBe(true);
    expect(unknown).toMatchObject({ status: 502, code: ClientErrorCode.ResponseError });
  });

  it("match by method and path glob", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await addFault({ method: "PATCH", path: "/v1/pages/*", action: "internal_server_error", times: null });
    expect((await client.pages.retrieve({ page_id: page.id })).id).toBe(page.id);
    await expectApiError(client.pages.update({ page_id: page.id, icon: { emoji: "🔥" } }), {
      status: 500,
      code: APIErrorCode.InternalServerError,
    });
    server.faults.clear();

    await addFault({ path: "/v1/data_sources/*/query", action: "service_unavailable", times: null });
    const missing = "5b1c7b7e-0c4f-4bb6-9a3e-0f5d3c2b1a09";
    await expectApiError(client.dataSources.query({ data_source_id: missing }), {
      status: 503,
      code: APIErrorCode.ServiceUnavailable,
    });
    await expectApiError(client.dataSources.retrieve({ data_source_id: missing }), {
      status: 404,
      code: APIErrorCode.ObjectNotFound,
    });
    // `**` spans segments but never reaches the harness itself.
    await addFault({ path: "/**", action: "service_unavailable", times: null });
    expect((await server.harness("faults")).status).toBe(200);
    await expectApiError(client.users.me({}), { status: 503, code: APIErrorCode.ServiceUnavailable });
  });

  it("fire N times, counted atomically under concurrent requests, then go away", async () => {
    const ws = await server.workspace();
    const rule = await addFault({ path: "/v1/users/me", action: "service_unavailable", times: 3 });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => (await ws.fetch("/v1/users/me")).status),
    );
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
    expect(statuses.filter((s) => s === 200)).toHaveLength(17);
    expect((await listFaults()).find((f) => f.id === rule.id)).toBeUndefined();
  });

  it("fire by probability, counting only the requests they hit", async () => {
    const ws = await server.workspace();
    const rule = await addFault({ path: "/v1/users/me", action: "bad_gateway", probability: 0.5 });
    expect(rule.times_remaining).toBeNull();
    draws = [0.1, 0.7, 0.49, 0.5, 0.2];
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ws.fetch("/v1/users/me")).status);
    expect(statuses).toEqual([502, 200, 502, 200, 502]);
    expect((await listFaults())[0]).toMatchObject({ id: rule.id, hits: 3 });
    server.faults.clear();
    const limited = await addFault({
      path: "/v1/users/me",
      action: "bad_gateway",
      probability: 0.5,
      times: 1,
    });
    draws = [0.9, 0.1, 0.1];
    const more = [];
    for (let i = 0; i < 3; i++) more.push((await ws.fetch("/v1/users/me")).status);
    expect(more).toEqual([200, 502, 200]);
    expect((await listFaults()).find((f) => f.id === limited.id)).toBeUndefined();
  });

  it("add latency before serving the request normally", async () => {
    const ws = await server.workspace();
    await addFault({ path: "/v1/users/me", action: "latency", latency_ms: 250 });
    const started = performance.now();
    const me = await ws.client().users.me({});
    expect(me.object).toBe("user");
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    const [entry] = server.requestLog.find({ path: "/v1/users/me", limit: 1 });
    expect(entry).toMatchObject({ status: 200, fault: "latency" });
    expect(entry?.durationMs).toBeGreaterThanOrEqual(240);
  });

  it("drop the connection without a response", async () => {
    const ws = await server.workspace();
    await addFault({ path: "/v1/users/me", action: "drop_connection" });
    await expect(ws.fetch("/v1/users/me")).rejects.toThrow(TypeError);
    await addFault({ path: "/v1/users/me", action: "drop_connection" });
    const error = await ws
      .client()
      .users.me({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(APIResponseError.isAPIResponseError(error)).toBe(false);
    expect((await ws.client().users.me({})).object).toBe("user");
    const [entry] = server.requestLog.find({ path: "/v1/users/me", status: undefined, limit: 3 });
    expect(entry).toMatchObject({ status: null, fault: "drop_connection" });
  });
});

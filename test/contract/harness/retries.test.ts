import {
  APIErrorCode,
  APIResponseError,
  Client,
  ClientErrorCode,
  LogLevel,
  UnknownHTTPResponseError,
} from "@notionhq/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type HarnessServer, startHarnessServer } from "../../support/harness-server.ts";
import type { TestWorkspace } from "../../support/quire.ts";
import { expectApiError, fullPage, paragraph, text, workspacePage } from "../helpers.ts";

/**
 * The official SDK's retry policy (reference §1.7) against injected faults: v5 retries `rate_limited`
 * and `service_overload` for every method and `internal_server_error`/`service_unavailable` for GET and
 * DELETE only, honouring `Retry-After`; v4 never retries.
 */

let server: HarnessServer;
beforeAll(async () => {
  server = await startHarnessServer();
});
afterEach(async () => {
  server.faults.clear();
  expect((await server.harness("requests", { method: "DELETE" })).status).toBe(200);
});
afterAll(async () => {
  await server.close();
});

function retrying(ws: TestWorkspace, maxRetries = 2): Client {
  return new Client({
    auth: ws.token,
    baseUrl: server.url,
    logLevel: LogLevel.ERROR,
    retry: { maxRetries, initialRetryDelayMs: 5, maxRetryDelayMs: 2000 },
  });
}

async function fault(rule: Record<string, unknown>): Promise<void> {
  const response = await server.harness("faults", { body: rule });
  expect(response.status).toBe(200);
}

/** The statuses the server answered for a path, oldest first, from the request log's HTTP API. */
async function attempts(method: string, path: string): Promise<Array<number | null>> {
  const response = await server.harness(`requests?method=${method}&path=${encodeURIComponent(path)}`);
  const { results } = (await response.json()) as { results: Array<{ path: string; status: number | null }> };
  return results.filter((entry) => entry.path === path).map((entry) => entry.status);
}

describe("SDK v5 retries against injected faults", () => {
  it("recovers from 429 rate_limited on a GET, honouring Retry-After: 0", async () => {
    const ws = await server.workspace();
    const page = await workspacePage(ws.client());
    await fault({ method: "GET", path: "/v1/pages/*", action: "rate_limited", retry_after: 0, times: 2 });
    expect((await retrying(ws).pages.retrieve({ page_id: page.id })).id).toBe(page.id);
    expect(await attempts("GET", `/v1/pages/${page.id}`)).toEqual([429, 429, 200]);
  });

  it("waits as long as Retry-After says", async () => {
    const ws = await server.workspace();
    await fault({ path: "/v1/users/me", action: "rate_limited", retry_after: 1 });
    const started = performance.now();
    expect((await retrying(ws, 1).users.me({})).object).toBe("user");
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("recovers from 529 service_overload on a POST, creating the page once", async () => {
    const ws = await server.workspace();
    const root = await workspacePage(ws.client());
    await fault({ method: "POST", path: "/v1/pages", action: "service_overload", times: 1 });
    const page = fullPage(
      await retrying(ws).pages.create({
        parent: { page_id: root.id },
        properties: { title: { title: text("Once") } },
      }),
    );
    expect(page.parent).toMatchObject({ page_id: root.id });
    expect(await attempts("POST", "/v1/pages")).toEqual([200, 529, 200]);
    const { results } = await ws.client().blocks.children.list({ block_id: root.id });
    expect(results).toHaveLength(1);
  });

  it("recovers from 503 and 500 on GET and DELETE", async () => {
    const ws = await server.workspace();
    const client = retrying(ws);
    const page = await workspacePage(ws.client());
    await fault({ method: "GET", path: "/v1/blocks/*/children", action: "service_unavailable", times: 2 });
    expect((await client.blocks.children.list({ block_id: page.id })).object).toBe("list");
    expect(await attempts("GET", `/v1/blocks/${page.id}/children`)).toEqual([503, 503, 200]);

    const { results } = await ws.client().blocks.children.append({
      block_id: page.id,
      children: [paragraph("bye")],
    });
    const blockId = results[0]?.id ?? "";
    await fault({ method: "DELETE", path: "/v1/blocks/*", action: "internal_server_error", times: 1 });
    expect((await client.blocks.delete({ block_id: blockId })).id).toBe(blockId);
    expect(await attempts("DELETE", `/v1/blocks/${blockId}`)).toEqual([500, 200]);
  });

  it("gives up after maxRetries and throws the last error", async () => {
    const ws = await server.workspace();
    await fault({ path: "/v1/users/me", action: "rate_limited", retry_after: 0, times: 5 });
    await expectApiError(retrying(ws).users.me({}), { status: 429, code: APIErrorCode.RateLimited });
    expect(await attempts("GET", "/v1/users/me")).toEqual([429, 429, 429]);
    expect(server.faults.list()[0]?.times).toBe(2);
  });

  it("does not retry a POST on 500 or 503", async () => {
    const ws = await server.workspace();
    const client = retrying(ws);
    const root = await workspacePage(ws.client());
    for (const [action, status] of [
      ["internal_server_error", 500],
      ["service_unavailable", 503],
    ] as const) {
      await fault({ method: "PATCH", path: "/v1/blocks/*/children", action, times: 3 });
      await expectApiError(client.blocks.children.append({ block_id: root.id, children: [paragraph("x")] }), {
        status,
        code: action,
      });
      expect(server.faults.list()[0]?.times).toBe(2);
      server.faults.clear();
    }
    expect(await attempts("PATCH", `/v1/blocks/${root.id}/children`)).toEqual([500, 503]);
  });

  it("does not retry 504 gateway_timeout or 502 bad_gateway", async () => {
    const ws = await server.workspace();
    const client = retrying(ws);
    await fault({ path: "/v1/users", action: "gateway_timeout", times: 3 });
    await expectApiError(client.users.list({}), { status: 504, code: APIErrorCode.GatewayTimeout });
    server.faults.clear();
    await fault({ path: "/v1/users", action: "bad_gateway", times: 3 });
    const error = await client.users.list({}).catch((e: unknown) => e);
    expect(UnknownHTTPResponseError.isUnknownHTTPResponseError(error)).toBe(true);
    expect(error).toMatchObject({ code: ClientErrorCode.ResponseError, status: 502 });
    expect(await attempts("GET", "/v1/users")).toEqual([504, 502]);
  });

  it("surfaces a dropped connection as the fetch error, unretried", async () => {
    const ws = await server.workspace();
    await fault({ path: "/v1/users/me", action: "drop_connection", times: 3 });
    const error = await retrying(ws)
      .users.me({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(APIResponseError.isAPIResponseError(error)).toBe(false);
    expect(await attempts("GET", "/v1/users/me")).toEqual([null]);
  });
});

describe("SDK v4 (2022-06-28) against injected faults", () => {
  it("never retries, and does not know service_overload", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    await fault({ path: "/v1/users/me", action: "rate_limited", retry_after: 0, times: 2 });
    const limited = await client.users.me({}).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: "rate_limited", status: 429 });
    server.faults.clear();
    await fault({ path: "/v1/users/me", action: "service_overload" });
    const overload = await client.users.me({}).catch((e: unknown) => e);
    expect(overload).toMatchObject({ code: "notionhq_client_response_error", status: 529 });
    expect(await attempts("GET", "/v1/users/me")).toEqual([429, 529]);
  });
});

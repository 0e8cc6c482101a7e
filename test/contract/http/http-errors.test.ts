import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { type RawResponse, httpMessage, rawRequest } from "../../support/raw-http.ts";
import { cookieOf } from "../web/web-session.ts";

/**
 * What Fastify and Node answer on their own (router errors, header overflow, malformed HTTP, parser
 * limits) leaves as Notion's error object on /v1, OAuth's on the token endpoint and a page on the web UI.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const NOTION_ERROR = {
  object: "error",
  status: 400,
  code: expect.any(String),
  message: expect.any(String),
  request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
};

function notionError(response: RawResponse) {
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(body).toMatchObject(NOTION_ERROR);
  expect(response.headers["x-notion-request-id"]).toBe(body["request_id"]);
  return body;
}

function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(server.url, httpMessage("GET", path, { "notion-version": "2025-09-03", ...headers }));
}

describe("errors Node and Fastify raise before a route runs", () => {
  it("answer a 100 KB header and a 36 KB query string with Notion's 400", async () => {
    const ws = await server.workspace();
    const auth = { authorization: `Bearer ${ws.token}` };
    for (const response of [
      await get("/v1/users/me", { ...auth, "x-big": "a".repeat(100_000) }),
      await get(`/v1/users?q=${"a".repeat(36_000)}`, auth),
    ]) {
      expect(response.status).toBe(400);
      expect(notionError(response)).toMatchObject({
        code: "invalid_request",
        message: "Request line and header fields too large: the limit is 16 KB.",
      });
    }
  });

  it("answer an over-long path id and a malformed percent-escape in Notion's shape", async () => {
    const ws = await server.workspace();
    const auth = { authorization: `Bearer ${ws.token}` };
    const long = await get(`/v1/pages/${"a".repeat(1_100)}`, auth);
    expect(long.status).toBe(400);
    expect(notionError(long)).toMatchObject({
      code: "validation_error",
      message: "path failed validation: each path parameter should be at most `1000` characters long.",
    });
    const badEscape = await get("/v1/pages/%zz", auth);
    expect(badEscape.status).toBe(400);
    expect(notionError(badEscape)).toMatchObject({
      code: "invalid_request_url",
      message: "Invalid request URL.",
    });
  });

  it("answer malformed HTTP with Notion's error object and close the connection", async () => {
    for (const request of [
      "GARBAGE\r\n\r\n",
      "GET /v1/users/me HTTP/1.1\r\nhost: x\r\nbad header line\r\n\r\n",
      "POST /v1/search HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n{}",
    ]) {
      const response = await rawRequest(server.url, request);
      expect(response.status).toBe(400);
      expect(notionError(response)).toMatchObject({
        code: "invalid_request",
        message: "Malformed HTTP request.",
      });
      expect(response.headers["connection"]).toBe("close");
    }
  });
});

describe("body size limits", () => {
  it("are OAuth's error on the token endpoint", async () => {
    const response = await fetch(`${server.url}/v1/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "authorization_code", code: "x".repeat(10 * 1024 * 1024) }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      object: "error",
      status: 400,
      code: "validation_error",
      message: "Request body too large: the limit is 16 KB.",
      error: "invalid_request",
      error_description: "Request body too large: the limit is 16 KB.",
    });
  });

  it("are Notion's 400 on the API", async () => {
    const ws = await server.workspace();
    const response = await ws.fetch("/v1/search", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "x".repeat(10 * 1024 * 1024) }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      object: "error",
      code: "validation_error",
      message: "Request body too large: the limit is 500 KB.",
    });
  });

  it("are a 413 page in the web UI", async () => {
    const form = await fetch(`${server.url}/sign-in`);
    const csrf = cookieOf(form, "quire_csrf") ?? "";
    const response = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `quire_csrf=${csrf}` },
      body: new URLSearchParams({
        _csrf: csrf,
        email: "a@example.com",
        password: "p".repeat(10 * 1024 * 1024),
      }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain("<h1>Form too large</h1>");
    expect(page).toContain("larger than 100 KB");
  });

  it("refuse a NUL in a web form with a 400 page", async () => {
    const form = await fetch(`${server.url}/sign-in`);
    const csrf = cookieOf(form, "quire_csrf") ?? "";
    const response = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `quire_csrf=${csrf}` },
      body: `_csrf=${csrf}&email=a%00@example.com&password=whatever-it-is`,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<h1>Bad request</h1>");
  });
});

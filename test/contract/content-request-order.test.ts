import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../support/quire.ts";
import { childPage, workspacePage } from "./helpers.ts";

/**
 * Which error a request gets when several checks would fail. The request schemas (routes/<resource>/
 * schema.ts) read the body before the service runs, so these pin the order the services had: the
 * capability first, then the body, and the parts of the body that depend on the stored page or block
 * only once it is found.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function send(ws: TestWorkspace, token: string, method: string, path: string, body: unknown) {
  const response = await ws.fetch(path, {
    method,
    token,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { code: string; message: string };
  return { status: response.status, code: json.code, message: json.message };
}

describe("a connection without the capability", () => {
  it("is refused with 403 before an invalid body is read", async () => {
    const ws = await server.workspace();
    const owner = ws.client();
    const root = await workspacePage(owner, "Root");
    const child = await childPage(owner, root.id, "Child");
    const readOnly = await ws.integration("Reader", ["read", "read_comments"]);
    await ws.share("Reader", root.id);
    const refused = { status: 403, code: "restricted_resource" };
    const cases: Array<[string, string, unknown]> = [
      ["POST", "/v1/pages", { parent: { page_id: "not-a-uuid" } }],
      ["PATCH", `/v1/pages/${child.id}`, { icon: "not an icon" }],
      ["POST", `/v1/pages/${child.id}/move`, { parent: {} }],
      ["PATCH", `/v1/blocks/${child.id}`, { in_trash: "yes" }],
      ["PATCH", `/v1/pages/${child.id}/markdown`, { type: "no_such_edit" }],
      ["POST", "/v1/comments", { parent: {} }],
      ["POST", "/v1/pages", { parent: { page_id: root.id }, markdown: "# Title", icon: "not an icon" }],
    ];
    for (const [method, path, body] of cases) {
      expect(await send(ws, readOnly, method, path, body)).toMatchObject(refused);
    }
  });

  it("still gets the markdown's own validation error first on a markdown create", async () => {
    const ws = await server.workspace();
    const root = await workspacePage(ws.client(), "Root");
    const readOnly = await ws.integration("Reader", ["read"]);
    await ws.share("Reader", root.id);
    const result = await send(ws, readOnly, "POST", "/v1/pages", {
      parent: { page_id: root.id },
      markdown: 7,
    });
    expect(result).toEqual({
      status: 400,
      code: "validation_error",
      message: "body failed validation: body.markdown should be a string, instead was `7`.",
    });
  });
});

describe("checks that need the stored object", () => {
  it("answers 404 for a missing block before reading its content changes", async () => {
    const ws = await server.workspace();
    const missing = "0f4bd2a5-8c3e-4b8f-9d2e-2a3f0c6b7d10";
    const result = await send(ws, ws.token, "PATCH", `/v1/blocks/${missing}`, { paragraph: "not an object" });
    expect(result).toMatchObject({ status: 404, code: "object_not_found" });
  });

  it("answers 404 for a missing page before reading its title", async () => {
    const ws = await server.workspace();
    const missing = "0f4bd2a5-8c3e-4b8f-9d2e-2a3f0c6b7d11";
    const result = await send(ws, ws.token, "PATCH", `/v1/pages/${missing}`, { properties: { nope: 1 } });
    expect(result).toMatchObject({ status: 404, code: "object_not_found" });
  });

  it("reads the body's own fields before the page's title", async () => {
    const ws = await server.workspace();
    const page = await workspacePage(ws.client(), "Root");
    const result = await send(ws, ws.token, "PATCH", `/v1/pages/${page.id}`, {
      properties: { nope: 1 },
      is_locked: "yes",
    });
    expect(result).toEqual({
      status: 400,
      code: "validation_error",
      message: 'body failed validation: body.is_locked should be a boolean, instead was `"yes"`.',
    });
  });
});
